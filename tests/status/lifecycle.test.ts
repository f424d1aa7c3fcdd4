import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Actor } from "~/auth/permissions";
import { prisma } from "~/lib/db.server";
import { CRITICAL_UPDATE_INTERVAL_MINUTES, openIncident, postUpdate } from "~/status/incident-writes.server";
import { remindOverdueIncidentUpdates } from "~/status/incident-reminders.server";
import { openIncidentsForSupport, statusJson, statusPage } from "~/status/status-page.server";
import { confirmSubscription, requestSubscription, unsubscribe } from "~/status/subscriptions.server";
import { RESOLUTION_COMMITMENTS } from "~/support/policy";
import { createUser } from "../factories/accounts";

async function component(name = `Component ${randomUUID().slice(0, 6)}`) {
  return prisma.statusComponent.create({ data: { slug: name.toLowerCase().replace(/[^a-z0-9]+/g, "-"), name } });
}

async function staffActor(): Promise<Actor & { email: string }> {
  const user = await createUser({ role: "agent" });
  return { id: user.id, role: "agent", account: null, email: user.email };
}

function mailTo(email: string) {
  return prisma.outboxEmail.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } });
}

function linkIn(text: string, path: string) {
  const match = text.match(new RegExp(`https?://[^\\s]+${path.replace("/", "\\/")}\\?token=[^\\s]+`));
  if (!match) throw new Error(`no ${path} link in: ${text}`);
  return new URL(match[0]).searchParams.get("token");
}

describe("an incident's life cycle", () => {
  it("subscribers who confirmed get every update; the banner, components and status.json follow; unsubscribing stops mail", async () => {
    const staff = await staffActor();
    const api = await component("API lifecycle");
    const web = await component("Web lifecycle");
    const confirmed = `sub-${randomUUID().slice(0, 8)}@example.com`;
    const unconfirmed = `pending-${randomUUID().slice(0, 8)}@example.com`;

    await requestSubscription(confirmed, "10.40.0.1");
    await requestSubscription(unconfirmed, "10.40.0.2");
    const [confirmation] = await mailTo(confirmed);
    expect(confirmation.subject).toContain("Confirm");
    expect(await confirmSubscription("not-a-real-token")).toBe(false);
    expect(await confirmSubscription(linkIn(confirmation.text, "/status/confirm"))).toBe(true);
    // Asking again once confirmed sends nothing new (the next day, when the per-address window has passed).
    await requestSubscription(confirmed, "10.40.0.1", new Date(Date.now() + 25 * 60 * 60_000));
    expect(await mailTo(confirmed)).toHaveLength(1);

    const start = new Date(Date.now() - 10 * 60_000);
    const incident = await openIncident(
      staff,
      {
        title: "Logins failing",
        impact: "critical",
        status: "investigating",
        message: "We are **looking** into failed logins.",
        components: [{ componentId: api.id, state: "major-outage" }],
      },
      start,
    );
    expect(incident.nextUpdateDueAt?.getTime()).toBe(
      start.getTime() + RESOLUTION_COMMITMENTS.priority1UpdateEvery * 60_000,
    );
    expect((await prisma.statusComponent.findUniqueOrThrow({ where: { id: api.id } })).state).toBe("major-outage");
    expect((await prisma.statusComponent.findUniqueOrThrow({ where: { id: web.id } })).state).toBe("operational");
    expect((await openIncidentsForSupport()).map((entry) => entry.title)).toContain("Logins failing");
    const json = await statusJson();
    expect(json.components.find((entry) => entry.name === "API lifecycle")).toMatchObject({ state: "major-outage" });
    expect(json.status.state).toBe("major-outage");

    await postUpdate(
      staff,
      incident.id,
      { status: "identified", message: "A certificate expired." },
      new Date(start.getTime() + 60_000),
    );
    await postUpdate(
      staff,
      incident.id,
      { status: "monitoring", message: "Certificate renewed." },
      new Date(start.getTime() + 120_000),
    );
    await postUpdate(
      staff,
      incident.id,
      {
        status: "resolved",
        message: "Logins work again.",
        rootCause: "An expired **certificate**; renewals are now monitored.",
      },
      new Date(start.getTime() + 180_000),
    );

    const subjects = (await mailTo(confirmed)).map((mail) => mail.subject);
    expect(subjects).toEqual([
      "Confirm your TechFlow status updates",
      "[Investigating] Logins failing",
      "[Identified] Logins failing",
      "[Monitoring] Logins failing",
      "[Resolved] Logins failing",
    ]);
    expect((await mailTo(unconfirmed)).map((mail) => mail.subject)).toEqual(["Confirm your TechFlow status updates"]);

    const resolved = await prisma.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(resolved).toMatchObject({ status: "resolved", nextUpdateDueAt: null });
    expect(resolved.rootCauseHtml).toContain("<strong>certificate</strong>");
    expect((await prisma.statusComponent.findUniqueOrThrow({ where: { id: api.id } })).state).toBe("operational");
    expect((await openIncidentsForSupport()).map((entry) => entry.title)).not.toContain("Logins failing");
    const page = await statusPage();
    expect(page.history.find((entry) => entry.id === incident.id)?.updates.map((update) => update.statusLabel)).toEqual(
      ["Resolved", "Monitoring", "Identified", "Investigating"],
    );
    // Three minutes of major outage, on the last day or two (the test may run just after midnight).
    const lastTwoDays = page.components.find((entry) => entry.id === api.id)?.days.slice(-2) ?? [];
    expect(lastTwoDays.reduce((sum, day) => sum + day.downtimeMinutes, 0)).toBe(3);

    const lastMail = (await mailTo(confirmed)).at(-1);
    expect(await unsubscribe(linkIn(lastMail?.text ?? "", "/status/unsubscribe"))).toBe(true);
    expect(await unsubscribe("forged.signature")).toBe(false);
    await openIncident(staff, {
      title: "Slow search",
      impact: "minor",
      status: "investigating",
      message: "Search is slow.",
      components: [{ componentId: web.id, state: "degraded" }],
    });
    expect(await mailTo(confirmed)).toHaveLength(5);
  });

  it("reminds staff once when a critical incident's next update is overdue, and again only after a missed later update", async () => {
    const staff = await staffActor();
    const api = await component();
    const start = new Date("2026-06-01T10:00:00Z");
    const interval = CRITICAL_UPDATE_INTERVAL_MINUTES * 60_000;
    const incident = await openIncident(
      staff,
      {
        title: `Outage ${randomUUID().slice(0, 5)}`,
        impact: "critical",
        status: "investigating",
        message: "Down.",
        components: [{ componentId: api.id, state: "major-outage" }],
      },
      start,
    );
    const reminders = async () =>
      (await mailTo(staff.email)).filter((mail) => mail.subject.startsWith("Status update overdue"));

    expect(await remindOverdueIncidentUpdates(prisma, new Date(start.getTime() + interval - 1000))).toBe(0);
    expect(
      await remindOverdueIncidentUpdates(prisma, new Date(start.getTime() + interval + 1000)),
    ).toBeGreaterThanOrEqual(1);
    expect(await remindOverdueIncidentUpdates(prisma, new Date(start.getTime() + interval + 60_000))).toBe(0);
    expect(await reminders()).toHaveLength(1);
    expect((await reminders())[0].text).toContain(`/admin/status/${incident.id}`);

    const updatedAt = new Date(start.getTime() + interval + 120_000);
    await postUpdate(staff, incident.id, { status: "identified", message: "Found it." }, updatedAt);
    expect(await remindOverdueIncidentUpdates(prisma, new Date(updatedAt.getTime() + interval - 1000))).toBe(0);
    await remindOverdueIncidentUpdates(prisma, new Date(updatedAt.getTime() + interval + 1000));
    expect(await reminders()).toHaveLength(2);
  });

  it("refuses updates that do not fit: a closed incident, a maintenance status on an incident, no components", async () => {
    const staff = await staffActor();
    const api = await component();
    await expect(
      openIncident(staff, {
        title: "Nothing chosen",
        impact: "minor",
        status: "investigating",
        message: "x x x x x",
        components: [],
      }),
    ).rejects.toMatchObject({ status: 400 });
    const incident = await openIncident(staff, {
      title: "Short blip",
      impact: "minor",
      status: "investigating",
      message: "Blip.",
      components: [{ componentId: api.id, state: "degraded" }],
    });
    await expect(postUpdate(staff, incident.id, { status: "completed", message: "Done here." })).rejects.toMatchObject({
      status: 400,
    });
    await postUpdate(staff, incident.id, { status: "resolved", message: "Gone." });
    await expect(postUpdate(staff, incident.id, { status: "monitoring", message: "Again?" })).rejects.toMatchObject({
      status: 409,
    });
    await expect(postUpdate(staff, "no-such-incident", { status: "resolved", message: "Gone." })).rejects.toMatchObject(
      { status: 404 },
    );
  });
});
