import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireRole, requireUser, safeRedirect } from "~/auth/guards.server";
import { createSession } from "~/auth/session.server";
import { prisma } from "~/lib/db.server";

let memberCookie = "";
let adminCookie = "";

beforeAll(async () => {
  const member = await prisma.user.create({ data: { email: "guard-member@example.com", name: "Member", passwordHash: "x", emailVerifiedAt: new Date() } });
  const admin = await prisma.user.create({ data: { email: "guard-admin@example.com", name: "Admin", passwordHash: "x", role: "admin", emailVerifiedAt: new Date() } });
  memberCookie = `tf_session=${(await createSession(prisma, member.id, "test")).token}`;
  adminCookie = `tf_session=${(await createSession(prisma, admin.id, "test")).token}`;
});
afterAll(() => prisma.$disconnect());

const request = (path: string, cookie?: string) => new Request(`http://localhost${path}`, { headers: cookie ? { cookie } : {} });

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    const maybeData = error as { init?: { status?: number }; data?: unknown; type?: string };
    if (maybeData?.type === "DataWithResponseInit") return new Response(JSON.stringify(maybeData.data), { status: maybeData.init?.status });
    throw error;
  }
  throw new Error("expected the guard to throw");
}

describe("guards", () => {
  it("requireUser redirects anonymous visitors to sign in, remembering where they were going", async () => {
    const response = await thrown(requireUser(request("/settings?tab=sessions")));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login?redirectTo=%2Fsettings%3Ftab%3Dsessions");
    expect((await requireUser(request("/settings", memberCookie))).email).toBe("guard-member@example.com");
  });

  it("requireRole lets the right roles in and answers 403 to the rest", async () => {
    expect((await requireRole(request("/admin/outbox", adminCookie), ["admin"])).role).toBe("admin");
    const forbidden = await thrown(requireRole(request("/admin/outbox", memberCookie), ["admin"]));
    expect(forbidden.status).toBe(403);
    const anonymous = await thrown(requireRole(request("/admin/outbox"), ["admin"]));
    expect(anonymous.status).toBe(302);
  });

  it("only redirects to same-site paths", () => {
    expect(safeRedirect("/kb/x?y=1")).toBe("/kb/x?y=1");
    for (const bad of ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", null, "/ok\r\nSet-Cookie: x=1"]) {
      expect(safeRedirect(bad, "/settings")).toBe("/settings");
    }
  });
});
