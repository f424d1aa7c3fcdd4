import { afterAll, describe, expect, it } from "vitest";
import { signIn, signUp } from "~/auth/accounts.server";
import { AUTH_LIMITS } from "~/auth/limits.server";
import { prisma } from "~/lib/db.server";
import { createUser, FACTORY_PASSWORD, uniqueEmail } from "../factories/accounts";
import { outcome } from "../refusals";

afterAll(() => prisma.$disconnect());

/**
 * Limits are counted first, atomically, then the work is done: however many
 * attempts arrive at once, no more than the limit get through to the password
 * check or to creating an account.
 */
describe("auth limits under concurrency", () => {
  it("100 concurrent wrong sign-ins on one account: at most the limit reach the password check, and the right password arriving among them is refused too", async () => {
    const user = await createUser();
    const attempts = Array.from({ length: 100 }, (_, index) =>
      outcome(signIn(user.email, index === 99 ? FACTORY_PASSWORD : `wrong-guess-${index}`, `10.1.0.${index}`)),
    );
    const results = await Promise.all(attempts);
    const limited = (result: Awaited<ReturnType<typeof outcome>>) => result !== "done" && result.status === 429;
    const checked = results.filter((result) => !limited(result));
    expect(checked.length).toBeLessThanOrEqual(AUTH_LIMITS.failedSignInPerAccount.limit);
    expect(results.filter(limited).length).toBeGreaterThanOrEqual(100 - AUTH_LIMITS.failedSignInPerAccount.limit);
    expect(results[99]).toMatchObject({ status: 429 });
  });

  it("a correct sign-in does not use up the failure budget", async () => {
    const user = await createUser();
    for (let attempt = 0; attempt < AUTH_LIMITS.failedSignInPerAccount.limit + 5; attempt++) {
      expect(await signIn(user.email, FACTORY_PASSWORD, "10.2.0.1")).toBe(user.id);
    }
  });

  it("30 concurrent sign-ups from one address create at most the limit of accounts", async () => {
    const address = `10.3.0.${Math.floor(Math.random() * 250)}-${Math.random()}`;
    const emails = Array.from({ length: 30 }, () => uniqueEmail("burst"));
    const results = await Promise.all(
      emails.map((email) =>
        outcome(signUp({ name: "Burst", email, password: "tidy-orchard-window-88", accountId: null }, address)),
      ),
    );
    const created = await prisma.user.count({ where: { email: { in: emails } } });
    expect(created).toBeLessThanOrEqual(AUTH_LIMITS.signUpPerAddress.limit);
    expect(results.filter((result) => result === "done")).toHaveLength(created);
    expect(results.filter((result) => result !== "done" && result.status === 429).length).toBe(30 - created);
  });

  it("one address spraying many accounts is limited by the per-address count", async () => {
    const address = `10.4.0.${Math.random()}`;
    const results = await Promise.all(
      Array.from({ length: 40 }, () => outcome(signIn(uniqueEmail("spray"), "wrong-guess-xyz", address))),
    );
    expect(results.filter((result) => result === "done" || result.status !== 429).length).toBeLessThanOrEqual(
      AUTH_LIMITS.failedSignInPerAddress.limit,
    );
  });
});
