import { describe, expect, it } from "vitest";
import {
  HASH_OPTIONS,
  hashPassword,
  passwordProblem,
  verifyAgainstDummy,
  verifyPassword,
} from "~/auth/password.server";

describe("password policy (ASVS 2.1)", () => {
  it("accepts 12 to 128 characters and refuses shorter or longer, counting characters not bytes", () => {
    expect(passwordProblem("eleven-char")).toMatch(/at least 12/);
    expect(passwordProblem("twelve-chars")).toBeNull();
    expect(passwordProblem("éèêëàâäôöûüç")).toBeNull();
    expect(passwordProblem("éèêëàâäôöûü")).toMatch(/at least 12/);
    expect(passwordProblem("abcdefgh".repeat(16))).toBeNull();
    expect(passwordProblem("abcd".repeat(32) + "e")).toMatch(/at most 128/);
  });

  it("refuses passwords from the shipped list of common passwords, whatever their case", () => {
    expect(passwordProblem("password1234")).toMatch(/too common/);
    expect(passwordProblem("PASSWORD1234")).toMatch(/too common/);
    expect(passwordProblem("1qaz2wsx3edc")).toMatch(/too common/);
    expect(passwordProblem("Qwerty123456")).toMatch(/too common/);
  });

  it("refuses very repetitive passwords and ones containing the email name", () => {
    expect(passwordProblem("aaaaaaaaaaaaaaaa")).toMatch(/repeats too few/);
    expect(passwordProblem("my-samrivera-secret", { email: "samrivera@acme.example" })).toMatch(/email address/);
  });
});

describe("password hashing", () => {
  it("uses argon2id with 19 MiB, parallelism 1 and at least 2 iterations, salted", async () => {
    expect(HASH_OPTIONS).toMatchObject({ memoryCost: 19456, parallelism: 1 });
    expect(HASH_OPTIONS.timeCost).toBeGreaterThanOrEqual(2);
    const first = await hashPassword("correct horse battery staple");
    const second = await hashPassword("correct horse battery staple");
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=\d+,p=1\$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword(first, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(first, "correct horse battery stapler")).toBe(false);
    expect(await verifyPassword("not a hash", "anything")).toBe(false);
    expect(await verifyAgainstDummy("anything")).toBe(false);
  });
});
