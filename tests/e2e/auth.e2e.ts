/**
 * Accounts and sessions, end to end against the production build.
 *
 * Data: every flow that changes a password or trips a limit uses an account signed up inside the
 * test (unique email per run), so the seeded demo passwords in tests/factories/users.ts stay valid
 * for other tests and reruns. Seeded users are only signed in with.
 *
 * Rate limits (app/auth/limits.server.ts) are counted per client address, and browser traffic in the
 * e2e run comes from 127.0.0.1, shared with every other e2e file. What this file spends from 127.0.0.1
 * (the database, and so every counter, is recreated for each `playwright test` run):
 *   - failed sign-ins, limit 30 per fixed 15-minute window: 2 (the sign-in without JavaScript, the old
 *     password in the reset test);
 *   - sign-ups, limit 10 per hour: 3 (sign-up 1, no enumeration 2). Refused forms are not counted: a
 *     too-short password is refused in the browser, a common one by the route before the limit counts;
 *   - reset requests, limit 10 per hour: 3.
 * Throwaway accounts for the reset and rate-limit tests are therefore created over HTTP from
 * a loopback address of its own (createConfirmedUser); the browser sign-up is covered by the first test.
 *
 * The brute-force test spends nothing from 127.0.0.1: its HTTP requests and its browser (through a
 * forward proxy, tests/e2e/client-address.ts) come from a fresh loopback address of its own, about an
 * account of its own, so it runs alone, in any order, and checks that 127.0.0.1's count did not move.
 */
import Database from "better-sqlite3";
import { addressIsUsable, contextFromAddress, freshLoopbackAddress } from "./client-address";
import { collectPageErrors, E2E_DB_PATH, expect, test, waitForHydration } from "./helpers";
import {
  ADMIN,
  COPY,
  confirmEmail,
  createConfirmedUser,
  emailFromAdminOutbox,
  emailFromDb,
  expectSessionCookie,
  fillSignIn,
  fillSignUp,
  linkIn,
  markSessionSeenLater,
  newUser,
  outboxFor,
  pathMatcher,
  postForm,
  seededUser,
  SESSION_COOKIE,
  sessionCookieOf,
  signIn,
  signUp,
} from "./auth-helpers";
import { E2E_BASE_URL } from "./env";

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
    await expect(page.getByRole("main").getByRole("status")).toContainText("Open the link in it to confirm your email");
    expect(await sessionCookieOf(context), "signing up alone does not sign in").toBeUndefined();

    // The confirmation link, read from the outbox table the way an operator would.
    const mail = await emailFromDb(user.email, COPY.confirmSubject);
    expect(mail.text).toContain(`Welcome, ${user.name}!`);
    const link = linkIn(mail.text, "/verify-email");

    // Opening the link changes nothing (mail scanners follow links); the button does.
    await confirmEmail(page, link);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Settings");
    await expect(page.getByRole("main").getByRole("status")).toHaveText(COPY.welcome);
    // The welcome is said once: the address loses ?welcome=1 while the message stays on the page.
    await expect(page).toHaveURL(pathMatcher("/settings"));
    await expect(page.getByRole("main").getByRole("status")).toHaveText(COPY.welcome);
    await expect(page.getByText(`Signed in as ${user.email}`)).toBeVisible();
    await expect(page.getByTestId("signed-in-as")).toHaveText(user.name);
    await expectSessionCookie(context);
    await expect(page.getByTestId("sessions").getByRole("listitem")).toHaveCount(1);

    // The link worked once.
    await page.goto(link);
    await expect(page.getByRole("main").getByRole("alert")).toContainText(COPY.linkUsed);

    // A reload of /settings does not greet again.
    await page.goto("/settings");
    await expect(page.getByText(`Signed in as ${user.email}`)).toBeVisible();
    await expect(page.getByText(COPY.welcome)).toHaveCount(0);

    // Sign out from the account menu under the name (a POST): the page says so, and the header offers to sign in.
    await waitForHydration(page);
    await page.getByTestId("account-menu").locator("summary").click();
    await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(pathMatcher("/signed-out"));
    await expect(page.getByRole("main").getByRole("status")).toHaveText(COPY.signedOut);
    await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
    expect(await sessionCookieOf(context), "signing out clears the session cookie").toBeUndefined();

    await page.goto("/settings");
    await expect(page).toHaveURL(pathMatcher("/login?redirectTo=%2Fsettings"));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");

    await waitForHydration(page);
    await fillSignIn(page, user.email, user.password);
    await expect(page).toHaveURL(pathMatcher("/settings"));
    await expect(page.getByText(`Signed in as ${user.email}`)).toBeVisible();
    await expect(page.getByText(COPY.welcome)).toHaveCount(0);
    await expectSessionCookie(context);
  });

  test.describe("a refused sign-up form", () => {
    test("says why next to the field, keeps name and email, and focuses the field", async ({ page }) => {
      const user = newUser("form");
      await page.goto("/signup");
      await waitForHydration(page);
      const posts: string[] = [];
      page.on("request", (request) => {
        if (request.method() === "POST") posts.push(request.url());
      });

      // Too short: the browser says so from the shared schema, without asking the server.
      await fillSignUp(page, { ...user, password: "short-pw1" });
      const password = page.getByLabel("Password", { exact: true });
      const error = page.locator("#field-password-error");
      await expect(error).toHaveText(COPY.tooShort);
      await expect(page).toHaveURL(pathMatcher("/signup"));
      await expect(password).toHaveAttribute("aria-invalid", "true");
      // The message is what describes the field first (the hint follows it).
      await expect(password).toHaveAttribute("aria-describedby", /^field-password-error(\s|$)/);
      await expect(password).toHaveAccessibleDescription(new RegExp(`^${COPY.tooShort}`));
      await expect(password).toBeFocused();
      expect(posts, "a password the browser can check is not posted").toEqual([]);
      await expect(page.getByLabel("Name", { exact: true })).toHaveValue(user.name);
      await expect(page.getByLabel("Work email", { exact: true })).toHaveValue(user.email);
      await expect(page.getByLabel("Name", { exact: true })).not.toHaveAttribute("aria-invalid", "true");
      await expect(page.getByLabel("Work email", { exact: true })).not.toHaveAttribute("aria-invalid", "true");

      // A password from the common-password list (@zxcvbn-ts/language-common) is refused by the server, however long.
      const [answer] = await Promise.all([
        page.waitForResponse((response) => response.request().method() === "POST"),
        password.fill("password1234").then(() => page.getByRole("button", { name: "Create account" }).click()),
      ]);
      expect(answer.status()).toBe(400);
      await expect(error).toHaveText(COPY.tooCommon);
      await expect(password).toBeFocused();
      await expect(page.getByLabel("Name", { exact: true })).toHaveValue(user.name);
      await expect(page.getByLabel("Work email", { exact: true })).toHaveValue(user.email);
      await expect(page).toHaveURL(pathMatcher("/signup"));
      expect(outboxFor(user.email), "a refused sign-up sends no mail").toEqual([]);
    });

    test("clears the refused password (with JavaScript)", async ({ page }) => {
      const user = newUser("clear");
      await page.goto("/signup");
      await waitForHydration(page);
      await fillSignUp(page, { ...user, password: "password1234" });
      await expect(page.locator("#field-password-error")).toHaveText(COPY.tooCommon);
      await expect(page.getByLabel("Password", { exact: true })).toHaveValue("", { timeout: 2_000 });
    });

    test.describe("without JavaScript", () => {
      test.use({ javaScriptEnabled: false });

      test("the full-page answer keeps name and email and leaves the password empty", async ({ page }) => {
        const user = newUser("nojs");
        await page.goto("/signup");
        const [answer] = await Promise.all([
          page.waitForResponse((response) => response.request().method() === "POST"),
          fillSignUp(page, { ...user, password: "short-pw1" }),
        ]);
        expect(answer.status()).toBe(400);
        const password = page.getByLabel("Password", { exact: true });
        await expect(page.locator("#field-password-error")).toHaveText(COPY.tooShort);
        await expect(password).toHaveAttribute("aria-invalid", "true");
        await expect(password).toHaveAttribute("aria-describedby", /^field-password-error(\s|$)/);
        await expect(password).toHaveValue("");
        await expect(page.getByLabel("Name", { exact: true })).toHaveValue(user.name);
        await expect(page.getByLabel("Work email", { exact: true })).toHaveValue(user.email);
      });

      test("the refused form lands the browser on an error summary at the top of the form", async ({ page }) => {
        const user = newUser("summary");
        await page.goto("/signup");
        await page.getByLabel("Name", { exact: true }).fill(user.name);
        await page.getByLabel("Password", { exact: true }).fill("short-pw1");
        const [answer] = await Promise.all([
          page.waitForResponse((response) => response.request().method() === "POST"),
          page.getByRole("button", { name: "Create account" }).click(),
        ]);
        expect(answer.status()).toBe(400);
        const summary = page.locator("#sign-up-error-summary");
        // The first thing in the form, focused on arrival (so scrolled to and read out), and a target of its own.
        await expect(page.locator("form#sign-up > :first-child")).toHaveAttribute("id", "sign-up-error-summary");
        await expect(summary).toBeFocused();
        await expect(summary).toHaveAttribute("role", "alert");
        // Each problem links to its field.
        await expect(summary.getByRole("link", { name: COPY.tooShort })).toHaveAttribute("href", "#field-password");
        await expect(summary.getByRole("link", { name: "Enter your email address." })).toHaveAttribute(
          "href",
          "#field-email",
        );
        await summary.getByRole("link", { name: "Enter your email address." }).click();
        await expect(page).toHaveURL(/#field-email$/);
        // No JavaScript, no show-password button that could not work.
        await expect(page.getByRole("button", { name: /Show password/ })).toHaveCount(0);
      });

      test("a wrong sign-in lands on the summary too", async ({ page }) => {
        const user = newUser("nojs-signin");
        await page.goto("/login");
        await page.getByLabel("Email", { exact: true }).fill(user.email);
        await page.getByLabel("Password", { exact: true }).fill("not-the-password-1");
        const [answer] = await Promise.all([
          page.waitForResponse((response) => response.request().method() === "POST"),
          page.getByRole("button", { name: "Sign in", exact: true }).click(),
        ]);
        expect(answer.status()).toBe(401);
        await expect(page.locator("#sign-in-error-summary")).toBeFocused();
        await expect(page.locator("#sign-in-error-summary")).toHaveText(COPY.badCredentials);
        await expect(page.getByLabel("Email", { exact: true })).toHaveValue(user.email);
        await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
      });
    });
  });

  test("the show-password toggle works from the keyboard", async ({ page }) => {
    await page.goto("/login");
    await waitForHydration(page);
    const password = page.getByLabel("Password", { exact: true });
    const toggle = page.getByRole("button", { name: "Show password" });
    await password.fill("a secret phrase");
    await expect(password).toHaveAttribute("type", "password");
    await expect(toggle).toHaveAttribute("aria-pressed", "false");

    // Tab from the field to its toggle, then Space and Enter, as a keyboard user would.
    await password.focus();
    await page.keyboard.press("Tab");
    await expect(toggle).toBeFocused();
    await page.keyboard.press("Space");
    await expect(toggle).toHaveAttribute("aria-pressed", "true");
    await expect(password).toHaveAttribute("type", "text");
    await expect(password).toHaveValue("a secret phrase");
    await page.keyboard.press("Enter");
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await expect(password).toHaveAttribute("type", "password");
    // The toggle never submits the form.
    await expect(page).toHaveURL(pathMatcher("/login"));
  });

  test("the password rules follow what the customer types", async ({ page }) => {
    const user = newUser("rules");
    await page.goto("/signup");
    await waitForHydration(page);
    await page.getByLabel("Work email", { exact: true }).fill(user.email);
    const password = page.getByLabel("Password", { exact: true });
    const rule = (id: string) => page.getByTestId("password-rules").locator(`[data-rule="${id}"]`);
    await expect(rule("min-length")).toHaveText(/At least 12 characters/);
    await expect(rule("min-length")).toHaveAttribute("data-state", "unknown");

    await password.pressSequentially("aaa");
    await expect(rule("min-length")).toHaveAttribute("data-state", "unmet");
    await expect(rule("variety")).toHaveAttribute("data-state", "unmet");
    await expect(rule("min-length")).toContainText("(not yet)");

    await password.pressSequentially("-violet-harbour");
    await expect(rule("min-length")).toHaveAttribute("data-state", "met");
    await expect(rule("min-length")).toContainText("(done)");
    await expect(rule("variety")).toHaveAttribute("data-state", "met");
    await expect(rule("not-email")).toHaveAttribute("data-state", "met");

    // Typing the email's name into the password breaks a rule at once.
    await password.pressSequentially(user.email.split("@")[0]);
    await expect(rule("not-email")).toHaveAttribute("data-state", "unmet");
    // The rules describe the field for screen readers.
    await expect(password).toHaveAttribute("aria-describedby", /field-password-rules/);
  });

  test("no enumeration: sign-up and forgot-password answer the same for known and unknown addresses", async ({
    page,
  }) => {
    const user = newUser("twice");
    await signUp(page, user);
    const firstUrl = page.url();
    const firstPage = await page.getByRole("main").innerText();

    // Signing up again with the same address: the same page; the difference only reaches the mailbox.
    await signUp(page, { ...user, name: "Someone Else", password: "a-different-long-passphrase-9" });
    expect(page.url()).toBe(firstUrl);
    expect(await page.getByRole("main").innerText()).toBe(firstPage);
    const mails = outboxFor(user.email);
    expect(mails.map((mail) => mail.subject)).toEqual([COPY.alreadyHaveSubject, COPY.confirmSubject]);
    expect(mails[0].text).toContain("/forgot-password");
    expect(mails[0].text).not.toMatch(/token=/);

    // Forgot password: the same answer for that (known) address and for one nobody has.
    const unknown = newUser("unknown");
    const answerFor = async (email: string) => {
      await page.goto("/forgot-password");
      await waitForHydration(page);
      await page.getByLabel("Email", { exact: true }).fill(email);
      await page.getByRole("button", { name: "Send reset link" }).click();
      await expect(page).toHaveURL(pathMatcher("/forgot-password?sent=1"));
      await expect(page.getByRole("main").getByRole("status")).toHaveText(COPY.resetSent);
      return { url: page.url(), main: await page.getByRole("main").innerText() };
    };
    const forKnown = await answerFor(user.email);
    const forUnknown = await answerFor(unknown.email);
    expect(forUnknown).toEqual(forKnown);
    expect((await emailFromDb(user.email, COPY.resetSubject)).text).toMatch(/\/reset-password\?token=/);
    expect(outboxFor(unknown.email)).toEqual([]);
  });

  test("reset a password with the link an admin finds in the outbox", async ({ page, context, browser }) => {
    // A throwaway account, so no seeded password ever changes. Its confirmation started a session,
    // which this browser context now holds: a reset must end it.
    const user = newUser("reset");
    const earlierSession = await createConfirmedUser(user);
    await context.addCookies([
      { name: SESSION_COOKIE, value: earlierSession, url: E2E_BASE_URL, httpOnly: true, sameSite: "Lax" },
    ]);
    await page.goto("/settings");
    await expect(page.getByText(`Signed in as ${user.email}`)).toBeVisible();

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
      // Addresses are matched case-insensitively.
      await other.getByLabel("Email", { exact: true }).fill(user.email.toUpperCase());
      await other.getByRole("button", { name: "Send reset link" }).click();
      await expect(other.getByRole("main").getByRole("status")).toHaveText(COPY.resetSent);

      const text = await emailFromAdminOutbox(browser, user.email, COPY.resetSubject);
      const link = linkIn(text, "/reset-password");

      await other.goto(link);
      await waitForHydration(other);
      await expect(other.getByRole("heading", { level: 1 })).toHaveText("Choose a new password");
      const newPassword = `${user.password}-renewed`;
      await other.getByLabel("New password").fill(newPassword);
      await other.getByRole("button", { name: "Change password" }).click();
      await expect(other).toHaveURL(pathMatcher("/login?reset=1"));
      await expect(other.getByRole("main").getByRole("status")).toHaveText(COPY.passwordChanged);

      // The old password is now just a wrong password: the same message as for any mismatch.
      await waitForHydration(other);
      await fillSignIn(other, user.email, user.password);
      await expect(other.getByRole("main").getByRole("alert")).toHaveText(COPY.badCredentials);
      await expect(other).toHaveURL(pathMatcher("/login?reset=1"));
      expect(await sessionCookieOf(visitor)).toBeUndefined();

      await fillSignIn(other, user.email, newPassword);
      await expect(other).toHaveURL(pathMatcher("/settings"));
      await expect(other.getByText(`Signed in as ${user.email}`)).toBeVisible();
      await expectSessionCookie(visitor);

      // The link worked once.
      await other.goto(link);
      await expect(other.getByRole("main").getByRole("alert")).toContainText(COPY.resetLinkUsed);
    } finally {
      await visitor.close();
    }
    expect(visitorErrors.map((error) => error.message)).toEqual([]);

    // The reset ended every earlier session of the account.
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
      await others
        .first()
        .getByRole("button", { name: /^Revoke/ })
        .click();
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
      await expect(page.getByRole("main").getByRole("status")).toHaveText(COPY.deviceSignedOut);
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

test.describe("sessions in the viewer's time zone", () => {
  test.use({ timezoneId: "Asia/Tokyo" });

  test("this device is listed first, times are local, and signing out everywhere says so", async ({
    page,
    browser,
  }) => {
    const user = newUser("zones");
    const earlierSession = await createConfirmedUser(user);
    const other = await browser.newContext();
    await other.addCookies([
      { name: SESSION_COOKIE, value: earlierSession, url: E2E_BASE_URL, httpOnly: true, sameSite: "Lax" },
    ]);
    try {
      await signIn(page, user.email, user.password);
      // The other device was used more recently, so "this device" is not first by accident.
      markSessionSeenLater(earlierSession);
      await page.reload();
      await waitForHydration(page);
      const sessions = page.getByTestId("sessions").getByRole("listitem");
      await expect(sessions).toHaveCount(2);
      await expect(sessions.first()).toContainText("This device");

      // The server writes UTC (it cannot know the zone); the browser rewrites it in the viewer's zone.
      const times = sessions.first().locator("time");
      await expect(times).toHaveCount(2);
      await expect(times.first()).toHaveText(/GMT\+9$/);
      const html = await (await page.request.get("/settings")).text();
      expect(html).toMatch(/<time dateTime="[^"]+Z"[^>]*>[^<]+UTC<\/time>/i);

      await page.getByRole("button", { name: "Sign out everywhere" }).click();
      await expect(page).toHaveURL(pathMatcher("/signed-out?everywhere=1"));
      await expect(page.getByRole("main").getByRole("status")).toHaveText(COPY.signedOutEverywhere);
      const otherPage = await other.newPage();
      await otherPage.goto("/settings");
      await expect(otherPage).toHaveURL(pathMatcher("/login?redirectTo=%2Fsettings"));
    } finally {
      await other.close();
    }
  });
});

test.describe("settings forms", () => {
  test("the profile saves, and a wrong current password is refused next to its field", async ({ page, context }) => {
    const user = newUser("settings");
    const session = await createConfirmedUser(user);
    await context.addCookies([
      { name: SESSION_COOKIE, value: session, url: E2E_BASE_URL, httpOnly: true, sameSite: "Lax" },
    ]);
    await page.goto("/settings");
    await waitForHydration(page);

    const name = page.getByLabel("Display name", { exact: true });
    await expect(name).toHaveValue(user.name);
    await name.fill("");
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.locator("#field-name-error")).toHaveText("Enter your name.");
    await expect(name).toBeFocused();
    await name.fill(`${user.name} Renamed`);
    await page.getByRole("button", { name: "Save profile" }).click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText("Profile saved.");
    await expect(page.getByTestId("signed-in-as")).toHaveText(`${user.name} Renamed`);
    await expect(name).toHaveValue(`${user.name} Renamed`);

    const current = page.getByLabel("Current password", { exact: true });
    const next = page.getByLabel("New password", { exact: true });
    await current.fill("not-my-password-at-all");
    await next.fill("a-brand-new-passphrase-42");
    await page.getByRole("button", { name: "Change password", exact: true }).click();
    await expect(page.locator("#field-currentPassword-error")).toHaveText("That isn’t your current password.");
    await expect(current).toBeFocused();
    await expect(current).toHaveValue("");
    await expect(next).toHaveValue("");
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

      await waitForHydration(anonymous);
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
    await signIn(page, member.email, member.password);
    const response = await page.goto("/admin/outbox");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("main")).toContainText("You do not have permission to see this page.", {
      timeout: 2_000,
    });
  });
});

test.describe("brute-force limit", () => {
  /** AUTH_LIMITS.failedSignInPerAccount in app/auth/limits.server.ts: 10 failures per fixed 15-minute window. */
  const ACCOUNT_LIMIT = 10;
  const WINDOW_MS = 15 * 60_000;
  /** The fixed window an instant falls in: app/lib/rate-limit.server.ts aligns them to the epoch. */
  const windowOf = (at: number) => Math.floor(at / WINDOW_MS);

  /** This test's failures as the app counts them for one client address, over every window. */
  function failedSignInsFrom(address: string): number {
    const db = new Database(E2E_DB_PATH, { readonly: true, fileMustExist: true });
    try {
      return (
        db
          .prepare<[string], { total: number | null }>(
            'SELECT SUM("count") AS total FROM "RateLimitWindow" WHERE "key" = ?',
          )
          .get(`failedSignInPerAddress:${address}`)?.total ?? 0
      );
    } finally {
      db.close();
    }
  }

  // Runs alone, in any order: every request it makes (HTTP and browser) comes from a loopback address of its
  // own and is about an account of its own, so no other test's budget is spent and none of theirs counts here.
  test("11 failed sign-ins for one account give a 429 “Too many attempts” answer", async ({ browser }) => {
    let address = freshLoopbackAddress();
    if (!(await addressIsUsable(address))) {
      test.info().annotations.push({
        type: "warning",
        description: `${address} unavailable (not Linux); failed sign-ins came from 127.0.0.1`,
      });
      address = "127.0.0.1";
    }
    const sharedBefore = failedSignInsFrom("127.0.0.1");
    const contextHere = async () => {
      if (address !== "127.0.0.1") return contextFromAddress(browser, address);
      const context = await browser.newContext({ baseURL: E2E_BASE_URL });
      return { context, close: () => context.close() };
    };
    const browserHere = await contextHere();
    const bystander = await contextHere();
    try {
      const page = await browserHere.context.newPage();
      const postToLogin = () =>
        page.waitForResponse(
          (response) => response.request().method() === "POST" && new URL(response.url()).pathname.startsWith("/login"),
        );
      const alert = page.getByRole("main").getByRole("alert");

      for (let round = 1; ; round++) {
        const user = newUser("limited");
        await createConfirmedUser(user);
        const startedIn = windowOf(Date.now());

        // Failures 1–9 over HTTP, quickly.
        for (let attempt = 1; attempt < ACCOUNT_LIMIT; attempt++) {
          const answer = await postForm(
            "/login",
            { email: user.email, password: `wrong-password-${attempt}` },
            address,
          );
          expect(answer.status, `failed sign-in ${attempt}`).toBe(401);
        }

        // Failure 10, in the browser: still the ordinary message.
        await page.goto("/login");
        await waitForHydration(page);
        const [tenth] = await Promise.all([postToLogin(), fillSignIn(page, user.email, "wrong-password-10")]);
        expect(tenth.status()).toBe(401);
        await expect(alert).toHaveText(COPY.badCredentials);

        // Attempt 11: refused before the password is even checked.
        const [eleventh] = await Promise.all([postToLogin(), fillSignIn(page, user.email, "wrong-password-11")]);
        if (eleventh.status() === 401 && windowOf(Date.now()) !== startedIn && round === 1) {
          // The fixed window ended mid-run, so the count started over: once more with a fresh account, well inside the new one.
          test.info().annotations.push({
            type: "note",
            description: "a rate-limit window ended during the run; ran again with a fresh account",
          });
          continue;
        }
        expect(eleventh.status()).toBe(429);
        await expect(alert).toHaveText(/^Too many attempts\. Please wait \d+ minutes? and try again\.$/);
        await expect(alert).toBeFocused();
        await expect(page.getByLabel("Email", { exact: true })).toHaveValue(user.email);

        // While the account is locked even its real password is refused.
        const [twelfth] = await Promise.all([postToLogin(), fillSignIn(page, user.email, user.password)]);
        expect(twelfth.status()).toBe(429);
        await expect(alert).toContainText("Too many attempts");
        expect(await sessionCookieOf(browserHere.context)).toBeUndefined();
        break;
      }

      // The limit is per account: someone else signing in from the same address is not affected.
      const pat = seededUser("pat@globex.example");
      await signIn(await bystander.context.newPage(), pat.email, pat.password);
      // And nothing was spent from the address every other e2e test signs in from.
      if (address !== "127.0.0.1") expect(failedSignInsFrom("127.0.0.1")).toBe(sharedBefore);
      expect(failedSignInsFrom(address)).toBeGreaterThanOrEqual(ACCOUNT_LIMIT + 2);
    } finally {
      await browserHere.close();
      await bystander.close();
    }
  });
});
