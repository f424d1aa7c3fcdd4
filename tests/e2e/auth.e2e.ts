/**
 * Accounts and sessions, end to end against the production build.
 *
 * Data: every flow that changes a password or trips a limit uses an account signed up inside the
 * test (unique email per run), so the seeded demo passwords in tests/factories/users.ts stay valid
 * for other tests and reruns. Seeded users are only signed in with.
 *
 * Rate limits (app/auth/limits.server.ts) are counted per client address, and ALL browser traffic
 * in the e2e run comes from 127.0.0.1. Budgets this file spends from 127.0.0.1:
 *   - failed sign-ins, 10 per 15-minute window: 2 (one in "reset a password", one in the last test);
 *   - sign-ups, 10 per hour: 7 (tests 1, 2 ×2, 4, 5 ×2, 6) — failed sign-up forms count too;
 *   - reset requests, 10 per hour: 3.
 * The database is recreated for every `playwright test` run, so the budgets start from zero each run.
 * The rate-limit test runs last in this file (tests in one file run in declaration order in one
 * worker), and makes its first nine failures from 127.0.0.2 over plain HTTP, so it exhausts the
 * per-ACCOUNT limit without exhausting the per-ADDRESS limit of 127.0.0.1: test files that run
 * after this one can still sign in. It checks that at the end.
 */
import { expect, test, waitForHydration, collectPageErrors } from "./helpers";
import {
  COPY,
  emailFromAdminOutbox,
  emailFromDb,
  expectSessionCookie,
  fillSignIn,
  fillSignUp,
  linkIn,
  newUser,
  outboxFor,
  pathMatcher,
  postLoginFrom,
  seededUser,
  sessionCookieOf,
  signIn,
  signUp,
  signUpAndConfirm,
  confirmEmail,
  ADMIN,
} from "./auth-helpers";

test.describe("accounts", () => {
  test("sign up → confirm from the outbox → settings → sign out → sign in again", async ({ page, context }) => {
    const user = newUser("signup");

    await page.goto("/");
    await waitForHydration(page);
    await page.getByRole("banner").getByRole("link", { name: "Sign up" }).click();
    await expect(page).toHaveURL(pathMatcher("/signup"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Create an account");
    await fillSignUp(page, user);
    await expect(page).toHaveURL(pathMatcher("/signup?sent=1"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(COPY.checkEmail);
    await expect(page.getByRole("status")).toContainText("Open the link in it to confirm your email");
    expect(await sessionCookieOf(context), "signing up alone does not sign in").toBeUndefined();

    // The confirmation link, read from the outbox table the way an operator would.
    const mail = await emailFromDb(user.email, COPY.confirmSubject);
    expect(mail.text).toContain(`Welcome, ${user.name}!`);
    const link = linkIn(mail.text, "/verify-email");

    // Opening the link changes nothing (mail scanners follow links); the button does.
    await confirmEmail(page, link);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Settings");
    await expect(page.getByRole("status").filter({ hasText: COPY.welcome })).toBeVisible();
    await expect(page.getByText(`Signed in as ${user.email}`)).toBeVisible();
    await expect(page.getByTestId("signed-in-as")).toHaveText(user.name);
    await expectSessionCookie(context);
    await expect(page.getByTestId("sessions").getByRole("listitem")).toHaveCount(1);

    // The link worked once.
    await page.goto(link);
    await expect(page.getByRole("alert")).toContainText(COPY.linkUsed);

    // Sign out with the header's button (a POST), back on the home page as a visitor.
    await page.goto("/settings");
    await waitForHydration(page);
    await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(pathMatcher("/"));
    await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
    expect(await sessionCookieOf(context), "signing out clears the session cookie").toBeUndefined();

    const response = await page.goto("/settings");
    expect(response?.status()).toBe(200);
    await expect(page).toHaveURL(pathMatcher("/login?redirectTo=%2Fsettings"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");

    await waitForHydration(page);
    await fillSignIn(page, user.email, user.password);
    await expect(page).toHaveURL(pathMatcher("/settings"));
    await expect(page.getByText(`Signed in as ${user.email}`)).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: COPY.welcome })).toHaveCount(0);
    await expectSessionCookie(context);
  });

  test("a refused sign-up keeps what was typed, except the password, and says why next to the field", async ({ page }) => {
    const user = newUser("form");
    await page.goto("/signup");
    await waitForHydration(page);

    await fillSignUp(page, { ...user, password: "short-pw1" });
    const password = page.getByLabel("Password", { exact: true });
    const error = page.locator("#field-password-error");
    await expect(error).toHaveText(COPY.tooShort);
    await expect(page).toHaveURL(pathMatcher("/signup"));
    await expect(password).toHaveAttribute("aria-invalid", "true");
    // The message is what describes the field (the hint follows it).
    await expect(password).toHaveAttribute("aria-describedby", /(^|\s)field-password-error(\s|$)/);
    await expect(password).toHaveAccessibleDescription(new RegExp(`^${COPY.tooShort}`));
    await expect(password).toBeFocused();
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue(user.name);
    await expect(page.getByLabel("Work email", { exact: true })).toHaveValue(user.email);
    await expect(page.getByLabel("Name", { exact: true })).not.toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel("Work email", { exact: true })).not.toHaveAttribute("aria-invalid", "true");
    await expect(password, "the rejected password is not kept in the form").toHaveValue("");

    // A password from the common-password list (@zxcvbn-ts/language-common) is refused, however long.
    await page.getByLabel("Password", { exact: true }).fill("password1234");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(error).toHaveText(COPY.tooCommon);
    await expect(password).toBeFocused();
    await expect(page.getByLabel("Work email", { exact: true })).toHaveValue(user.email);
    await expect(page).toHaveURL(pathMatcher("/signup"));
    expect(outboxFor(user.email), "a refused sign-up sends no mail").toEqual([]);
  });

  test("a sign-up with an address that already has an account looks the same, and tells the owner by email", async ({ page }) => {
    const user = newUser("twice");
    await signUp(page, user);
    const firstUrl = page.url();
    const firstPage = await page.getByRole("main").innerText();

    await signUp(page, { ...user, name: "Someone Else", password: "a-different-long-passphrase-9" });
    expect(page.url()).toBe(firstUrl);
    expect(await page.getByRole("main").innerText()).toBe(firstPage);

    const mails = outboxFor(user.email);
    expect(mails.map((mail) => mail.subject)).toEqual([COPY.alreadyHaveSubject, COPY.confirmSubject]);
    expect(mails[0].text).toContain("/forgot-password");
    expect(mails[0].text).not.toMatch(/token=/);
  });

  test("forgot-password answers the same for an unknown address as for a known one", async ({ page }) => {
    // Known: an account made here (its password is never changed, the link is never used).
    const known = newUser("known");
    await signUp(page, known);
    const unknown = newUser("unknown");

    const answerFor = async (email: string) => {
      await page.goto("/forgot-password");
      await waitForHydration(page);
      await page.getByLabel("Email", { exact: true }).fill(email);
      await page.getByRole("button", { name: "Send reset link" }).click();
      await expect(page).toHaveURL(pathMatcher("/forgot-password?sent=1"));
      await expect(page.getByRole("status")).toHaveText(COPY.resetSent);
      return { url: page.url(), main: await page.getByRole("main").innerText() };
    };

    const forKnown = await answerFor(known.email);
    const forUnknown = await answerFor(unknown.email);
    expect(forUnknown).toEqual(forKnown);

    expect((await emailFromDb(known.email, COPY.resetSubject)).text).toMatch(/\/reset-password\?token=/);
    expect(outboxFor(unknown.email)).toEqual([]);
  });

  test("reset a password with the link an admin finds in the outbox", async ({ page, context, browser }) => {
    // A throwaway account, so no seeded password ever changes.
    const user = newUser("reset");
    await signUpAndConfirm(page, user);
    await expectSessionCookie(context);

    const visitor = await browser.newContext();
    const visitorErrors: Error[] = [];
    try {
      const other = await visitor.newPage();
      visitorErrors.push(...collectPageErrors(other));
      await other.goto("/login");
      await waitForHydration(other);
      await other.getByRole("link", { name: "Forgot your password?" }).click();
      await expect(other).toHaveURL(pathMatcher("/forgot-password"));
      await waitForHydration(other);
      await other.getByLabel("Email", { exact: true }).fill(user.email.toUpperCase());
      await other.getByRole("button", { name: "Send reset link" }).click();
      await expect(other.getByRole("status")).toHaveText(COPY.resetSent);

      const text = await emailFromAdminOutbox(browser, user.email, COPY.resetSubject);
      const link = linkIn(text, "/reset-password");

      await other.goto(link);
      await waitForHydration(other);
      await expect(other.getByRole("heading", { level: 1 })).toHaveText("Choose a new password");
      const newPassword = `${user.password}-renewed`;
      await other.getByLabel("New password").fill(newPassword);
      await other.getByRole("button", { name: "Change password" }).click();
      await expect(other).toHaveURL(pathMatcher("/login?reset=1"));
      await expect(other.getByRole("status")).toHaveText(COPY.passwordChanged);

      // The old password is now just a wrong password: the same message as for any mismatch.
      await waitForHydration(other);
      await fillSignIn(other, user.email, user.password);
      await expect(other.getByRole("alert")).toHaveText(COPY.badCredentials);
      await expect(other).toHaveURL(pathMatcher("/login?reset=1"));
      expect(await sessionCookieOf(visitor)).toBeUndefined();

      await fillSignIn(other, user.email, newPassword);
      await expect(other).toHaveURL(pathMatcher("/settings"));
      await expect(other.getByText(`Signed in as ${user.email}`)).toBeVisible();
      await expectSessionCookie(visitor);

      // The link worked once.
      await other.goto(link);
      await expect(other.getByRole("alert")).toContainText(COPY.resetLinkUsed);
    } finally {
      await visitor.close();
    }
    expect(visitorErrors.map((error) => error.message)).toEqual([]);

    // A reset ends every session of the account, including the one the confirmation link started.
    await page.goto("/settings");
    await expect(page).toHaveURL(pathMatcher("/login?redirectTo=%2Fsettings"));
  });
});

test.describe("sessions", () => {
  const member = seededUser("erin@initech.example");
  const OTHER_DEVICE_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0";

  test("revoking another device's session signs that device out", async ({ page, context, browser }) => {
    await signIn(page, member.email, member.password);
    await expectSessionCookie(context);
    const sessions = page.getByTestId("sessions").getByRole("listitem");
    const others = page.getByTestId("sessions").locator("li:not([data-current])");
    // Independent of whatever else signed in as this member earlier in the run: start from one session.
    await waitForHydration(page);
    for (let left = await others.count(); left > 0; left--) {
      await others.first().getByRole("button", { name: /^Revoke/ }).click();
      await expect(others).toHaveCount(left - 1);
    }

    const deviceB = await browser.newContext({ userAgent: OTHER_DEVICE_UA });
    try {
      const pageB = await deviceB.newPage();
      await signIn(pageB, member.email, member.password);
      await expect(pageB.getByTestId("sessions").getByRole("listitem")).toHaveCount(2);

      await page.reload();
      await waitForHydration(page);
      await expect(sessions).toHaveCount(2);
      const current = sessions.filter({ hasText: "This device" });
      await expect(current).toHaveCount(1);
      await expect(current).toContainText("Chrome on Linux");
      const other = sessions.filter({ hasNotText: "This device" });
      await expect(other).toHaveCount(1);
      await expect(other).toContainText("Firefox on Windows");

      await other.getByRole("button", { name: "Revoke Firefox on Windows" }).click();
      await expect(page.getByRole("status").filter({ hasText: COPY.deviceSignedOut })).toBeVisible();
      await expect(sessions).toHaveCount(1);
      await expect(sessions).toContainText("This device");

      // Device B's next request finds its session gone.
      await pageB.reload();
      await expect(pageB).toHaveURL(pathMatcher("/login?redirectTo=%2Fsettings"));
      await expect(pageB.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();

      // Device A is still signed in.
      await page.reload();
      await expect(page.getByText(`Signed in as ${member.email}`)).toBeVisible();
    } finally {
      await deviceB.close();
    }
  });
});

test.describe("staff pages", () => {
  const member = seededUser("sam@acme.example");

  test("the admin reads the outbox; a member gets 403; a visitor is sent to sign in", async ({ page, browser }) => {
    await signIn(page, ADMIN.email, ADMIN.password, "/admin/outbox");
    await expect(page.getByRole("heading", { level: 1, name: "Outbox" })).toBeVisible();

    const visitor = await browser.newContext();
    try {
      const anonymous = await visitor.newPage();
      await anonymous.goto("/admin/outbox");
      await expect(anonymous).toHaveURL(pathMatcher("/login?redirectTo=%2Fadmin%2Foutbox"));

      await fillSignIn(anonymous, member.email, member.password);
      await expect(anonymous).toHaveURL(pathMatcher("/admin/outbox"));
      const response = await anonymous.reload();
      expect(response?.status()).toBe(403);
      await expect(anonymous.getByRole("main")).toContainText("403");
      await expect(anonymous.getByRole("heading", { name: "Outbox" })).toHaveCount(0);
      await expect(anonymous.getByTestId("outbox-email")).toHaveCount(0);
    } finally {
      await visitor.close();
    }
  });

  test("a member's 403 page says they lack permission", async ({ page }) => {
    // KNOWN APP BUG (reported): requireRole throws data({ message: "You do not have permission to see this page." },
    // { status: 403 }), but app/root.tsx's ErrorBoundary renders "Something went wrong" and only
    // `${status} ${statusText}`, and the statusText does not survive the production server ("403 " only).
    // Remove test.fail once the 403 page shows the message.
    test.fail();
    await signIn(page, member.email, member.password);
    const response = await page.goto("/admin/outbox");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("main")).toContainText("You do not have permission to see this page.", { timeout: 2_000 });
  });
});

test.describe("brute-force limit", () => {
  /** AUTH_LIMITS.failedSignInPerAccount in app/auth/limits.server.ts: 10 failures per fixed 15-minute window. */
  const ACCOUNT_LIMIT = 10;
  const WINDOW_MS = 15 * 60_000;
  /** Another loopback address (Linux routes all of 127.0.0.0/8 to lo): its failures leave 127.0.0.1's budget alone. */
  const OTHER_ADDRESS = "127.0.0.2";

  // KEEP THIS TEST LAST IN THE FILE: see the header comment.
  test("11 failed sign-ins for one account give a 429 “Too many attempts” answer", async ({ page, browser }) => {
    test.setTimeout(120_000);
    const user = newUser("limited");
    await signUpAndConfirm(page, user);
    await page.context().clearCookies();

    // The limiter counts in fixed windows; ten failures straddling a boundary would not add up. Start in a fresh-enough window.
    const leftInWindow = WINDOW_MS - (Date.now() % WINDOW_MS);
    if (leftInWindow < 30_000) await page.waitForTimeout(leftInWindow + 1_000);

    // Failures 1–9 from another address, so only the per-account counter (not 127.0.0.1's) nears its limit.
    let address = OTHER_ADDRESS;
    for (let attempt = 1; attempt < ACCOUNT_LIMIT; attempt++) {
      let status: number;
      try {
        status = await postLoginFrom(address, user.email, `wrong-password-${attempt}`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EADDRNOTAVAIL" || address === "127.0.0.1") throw error;
        // Not Linux: fall back to 127.0.0.1. This then also locks 127.0.0.1's sign-ins for up to 15 minutes.
        test.info().annotations.push({ type: "warning", description: `${OTHER_ADDRESS} unavailable; failed sign-ins came from 127.0.0.1` });
        address = "127.0.0.1";
        status = await postLoginFrom(address, user.email, `wrong-password-${attempt}`);
      }
      expect(status, `failed sign-in ${attempt}`).toBe(401);
    }

    // Failure 10, in the browser: still the ordinary message.
    await page.goto("/login");
    await waitForHydration(page);
    const answer = () => page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname.startsWith("/login"));
    const [tenth] = await Promise.all([answer(), fillSignIn(page, user.email, "wrong-password-10")]);
    expect(tenth.status()).toBe(401);
    await expect(page.getByRole("alert")).toHaveText(COPY.badCredentials);

    // Attempt 11: refused before the password is checked.
    const [eleventh] = await Promise.all([answer(), fillSignIn(page, user.email, "wrong-password-11")]);
    expect(eleventh.status()).toBe(429);
    await expect(page.getByRole("alert")).toHaveText(/^Too many attempts\. Please wait \d+ minutes? and try again\.$/);
    await expect(page.getByRole("alert")).toBeFocused();
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue(user.email);

    // While the account is locked even its real password is refused, with the same answer.
    const [twelfth] = await Promise.all([answer(), fillSignIn(page, user.email, user.password)]);
    expect(twelfth.status()).toBe(429);
    await expect(page.getByRole("alert")).toContainText("Too many attempts");
    expect(await page.context().cookies()).not.toContainEqual(expect.objectContaining({ name: "tf_session" }));

    // The limit is per account: other people signing in from 127.0.0.1 are not affected.
    if (address !== "127.0.0.1") {
      const someoneElse = await browser.newContext();
      try {
        const pat = seededUser("pat@globex.example");
        await signIn(await someoneElse.newPage(), pat.email, pat.password);
      } finally {
        await someoneElse.close();
      }
    }
  });
});
