import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";
import { brokenPasswordRule, type PasswordContext } from "./password-rules";
export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-rules";

/**
 * argon2id with 19 MiB and parallelism 1 (OWASP's floor); iterations raised
 * from the floor of 2 to 6 so a sign-in costs about 60 ms on our machines
 * (decision record 006). Argon2id is 2 in @node-rs/argon2's Algorithm enum;
 * the const enum cannot be imported under isolatedModules.
 */
const ARGON2ID = 2;
export const HASH_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 6, parallelism: 1 } as const;

let commonPasswords: Set<string> | null = null;
function isCommon(password: string) {
  commonPasswords ??= new Set((dictionary.passwords as string[]).map((entry) => entry.toLowerCase()));
  return commonPasswords.has(password.toLowerCase());
}

/** Why a new password is refused, or null when it is acceptable (ASVS 2.1). */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  const broken = brokenPasswordRule(password, context);
  // Length before the common list, the common list before the other rules: the order customers saw before.
  if (broken && (broken.id === "min-length" || broken.id === "max-length")) return broken.problem;
  if (isCommon(password)) return "This password is too common. Choose one that others are unlikely to use.";
  return broken?.problem ?? null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFKC"), HASH_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize("NFKC"));
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;
/** Spends the same time as a real check when there is no such user, so timing does not reveal accounts. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("dummy password that no account has");
  await verifyPassword(await dummyHash, password);
  return false;
}
