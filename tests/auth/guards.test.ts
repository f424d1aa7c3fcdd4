import { afterAll, describe, expect, it } from "vitest";
import { requireCapability, requireUser, safeRedirect } from "~/auth/guards.server";
import { prisma } from "~/lib/db.server";
import { createAccountWithOwner, createUser, sessionCookieFor } from "../factories/accounts";

afterAll(() => prisma.$disconnect());

const request = (path: string, cookie?: string) =>
  new Request(`http://localhost${path}`, { headers: cookie ? { cookie } : {} });

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    const maybeData = error as { init?: { status?: number }; data?: unknown; type?: string };
    if (maybeData?.type === "DataWithResponseInit")
      return new Response(JSON.stringify(maybeData.data), { status: maybeData.init?.status });
    throw error;
  }
  throw new Error("expected the guard to throw");
}

describe("guards", () => {
  it("requireUser redirects anonymous visitors to sign in, remembering where they were going", async () => {
    const member = await createUser();
    const { cookie } = await sessionCookieFor(member.id);
    const response = await thrown(requireUser(request("/settings?tab=sessions")));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login?redirectTo=%2Fsettings%3Ftab%3Dsessions");
    expect((await requireUser(request("/settings", cookie))).email).toBe(member.email);
  });

  it("requireCapability asks the capability table: the right roles in, 403 for the rest, sign-in for anonymous visitors", async () => {
    const admin = await createUser({ role: "admin" });
    const agent = await createUser({ role: "agent" });
    const member = await createUser();
    const adminCookie = (await sessionCookieFor(admin.id)).cookie;
    const agentCookie = (await sessionCookieFor(agent.id)).cookie;
    const memberCookie = (await sessionCookieFor(member.id)).cookie;
    expect((await requireCapability(request("/admin/outbox", adminCookie), "outbox:view")).role).toBe("admin");
    expect((await thrown(requireCapability(request("/admin/outbox", agentCookie), "outbox:view"))).status).toBe(403);
    expect((await requireCapability(request("/admin/users", agentCookie), "users:view")).role).toBe("agent");
    expect((await thrown(requireCapability(request("/admin/users", memberCookie), "users:view"))).status).toBe(403);
    expect((await thrown(requireCapability(request("/admin/users"), "users:view"))).status).toBe(302);
  });

  it("requireCapability applies ownership rules to the subject", async () => {
    const { account, owner } = await createAccountWithOwner();
    const other = await createAccountWithOwner();
    const ownerCookie = (await sessionCookieFor(owner.id)).cookie;
    expect(
      (
        await requireCapability(request("/settings/team", ownerCookie), "account:invite-member", {
          accountId: account.id,
        })
      ).id,
    ).toBe(owner.id);
    expect(
      (
        await thrown(
          requireCapability(request("/settings/team", ownerCookie), "account:invite-member", {
            accountId: other.account.id,
          }),
        )
      ).status,
    ).toBe(403);
  });

  it("parses role and plan once, at the session: an unknown stored role gets the least privilege", async () => {
    const odd = await createUser({ role: "member" });
    await prisma.user.update({ where: { id: odd.id }, data: { role: "superuser" } });
    const { cookie } = await sessionCookieFor(odd.id);
    expect((await requireUser(request("/settings", cookie))).role).toBe("member");
    expect((await thrown(requireCapability(request("/admin/users", cookie), "users:view"))).status).toBe(403);
  });
});

describe("safeRedirect", () => {
  it("keeps same-site paths as they are", () => {
    for (const good of [
      "/",
      "/kb/x?y=1",
      "/settings#sessions",
      "/search?q=a%2Fb",
      "/join?token=abc",
      "/caf%C3%A9",
      "/café",
    ])
      expect(safeRedirect(good, "/settings")).toBe(good);
  });

  it("refuses anything a browser could read as another site, or that it would rewrite first", () => {
    const bad = [
      "https://evil.example",
      "//evil.example",
      "///evil.example",
      "/\\evil.example",
      "/\\\\evil.example",
      "\\\\evil.example",
      "/%09/evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r/evil.example",
      "/ok\r\nSet-Cookie: x=1",
      "/%0d%0aSet-Cookie:x=1",
      "/%2F/evil.example",
      "/%5C/evil.example",
      "/\u0000/evil.example",
      "/\u007f/evil.example",
      "/\u0085/evil.example",
      "/\u2028/evil.example",
      "/ｅvil",
      "/.//evil.example",
      "javascript:alert(1)",
      " /settings",
      "evil.example",
      "",
      null,
      undefined,
      "/" + "a".repeat(3000),
    ];
    for (const value of bad) expect(safeRedirect(value, "/settings"), JSON.stringify(value)).toBe("/settings");
  });
});
