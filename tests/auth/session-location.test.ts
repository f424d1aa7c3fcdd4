import { afterAll, describe, expect, it } from "vitest";
import { signInAndRedirect } from "~/auth/responses.server";
import { createSession } from "~/auth/session.server";
import { prisma } from "~/lib/db.server";
import { loader } from "~/routes/settings";
import { createUser } from "../factories/accounts";

/** A sign-in from a client address, then the settings page's loader as Remix calls it. */

afterAll(() => prisma.$disconnect());

const FIREFOX_ON_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

/** Signs in as the app server would pass the request on: the client address in x-client-address. */
async function signInFrom(userId: string, clientAddress: string | null) {
  const headers = new Headers({ "user-agent": FIREFOX_ON_LINUX });
  if (clientAddress !== null) headers.set("x-client-address", clientAddress);
  const response = await signInAndRedirect(
    new Request("http://localhost/login", { method: "POST", headers }),
    userId,
    "/settings",
  );
  return response.headers.get("set-cookie")!.split(";")[0];
}

type SettingsData = { sessions: { id: string; device: string; location: string; current: boolean }[] };

async function settingsFor(cookie: string) {
  return (await loader({
    request: new Request("http://localhost/settings", { headers: { cookie } }),
    params: {},
    context: {},
  })) as unknown as SettingsData;
}

describe("sessions list locations", () => {
  it("shows the country of the address a session signed in from, and stores the country, not the address", async () => {
    const user = await createUser();
    const cookie = await signInFrom(user.id, "8.8.8.8");
    const { sessions } = await settingsFor(cookie);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ device: "Firefox on Linux", location: "United States", current: true });
    const row = await prisma.session.findUniqueOrThrow({ where: { id: sessions[0].id } });
    expect(row.location).toBe("US");
    expect(JSON.stringify(row)).not.toContain("8.8.8.8");
  });

  it("lists each device with its own location: IPv6, IPv4-mapped, local network and unknown", async () => {
    const user = await createUser();
    const here = await signInFrom(user.id, "2a01:4f8::1");
    await signInFrom(user.id, "::ffff:81.169.145.105");
    await signInFrom(user.id, "192.168.1.20");
    await signInFrom(user.id, null); // no app server in front: no address at all
    // A session from before locations were recorded has none.
    await createSession(prisma, user.id, FIREFOX_ON_LINUX);
    const { sessions } = await settingsFor(here);
    expect(sessions[0]).toMatchObject({ current: true, location: "Germany" });
    expect(sessions.map((entry) => entry.location).sort()).toEqual([
      "Germany",
      "Germany",
      "Local network",
      "Unknown location",
      "Unknown location",
    ]);
  });
});
