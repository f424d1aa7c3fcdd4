import fs from "node:fs/promises";
import { WEEKLY_WEBINAR } from "../../app/support/policy";
import { expect, test, waitForHydration } from "./helpers";

const VIEWER_ZONE = "Asia/Tokyo";
const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

function partsIn(instant: Date, timeZone: string) {
  const format = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat("en-US", { timeZone, ...options }).format(instant);
  return {
    weekday: format({ weekday: "long" }),
    date: format({ weekday: "long", month: "long", day: "numeric", year: "numeric" }),
    time: format({ hour: "numeric", minute: "2-digit" }),
    hour: Number(format({ hour: "numeric", hourCycle: "h23" })),
    isoDate: new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
      instant,
    ),
  };
}

/** ICU versions differ on the space before AM/PM (U+202F vs U+0020); compare text with plain spaces. */
const plainSpaces = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

test.describe("webinars", () => {
  test.use({ timezoneId: VIEWER_ZONE });

  test("lists the next 4 Tuesday sessions in the viewer's time zone, each with a weekly calendar file", async ({
    page,
  }) => {
    const response = await page.goto("/webinars");
    expect(response?.status()).toBe(200);
    await waitForHydration(page);

    const sessions = page.getByTestId("upcoming-webinars").getByRole("listitem");
    await expect(sessions).toHaveCount(4);

    let previousStart: number | null = null;
    for (let index = 0; index < 4; index++) {
      const session = sessions.nth(index);
      const time = session.locator("time");
      const iso = (await time.getAttribute("datetime"))!;
      const start = new Date(iso);
      expect(Number.isNaN(start.getTime()), `datetime ${iso}`).toBe(false);

      // Each session is a Tuesday at the advertised hour in the webinar's own zone (Eastern).
      const eastern = partsIn(start, WEEKLY_WEBINAR.timeZone);
      expect(eastern.weekday).toBe(WEEKLY_WEBINAR.weekdayName);
      expect(eastern.hour).toBe(WEEKLY_WEBINAR.hour);

      // Upcoming, weekly and consecutive: the first has not ended yet and is at most a week away.
      if (previousStart === null) {
        expect(start.getTime() + WEEKLY_WEBINAR.durationMinutes * 60_000).toBeGreaterThan(Date.now());
        expect(start.getTime() - Date.now()).toBeLessThanOrEqual(WEEK_MS + 60 * 60 * 1000);
      } else {
        // 7 days, give or take a daylight-saving hour.
        expect(Math.abs(start.getTime() - previousStart - WEEK_MS)).toBeLessThanOrEqual(60 * 60 * 1000);
      }
      previousStart = start.getTime();

      // Shown in the viewer's zone once hydrated: 2 PM Eastern on Tuesday is Wednesday morning in Tokyo.
      const local = partsIn(start, VIEWER_ZONE);
      expect(local.weekday).toBe("Wednesday");
      await expect(time).toContainText("Wednesday");
      await expect(time).not.toContainText("Tuesday");
      await expect(time).not.toContainText(/\bE[SD]T\b/);
      await expect(time).toContainText(local.date);
      expect(plainSpaces((await time.textContent())!)).toContain(plainSpaces(local.time));

      // The zone is named (Tokyo: JST), and each session has a title, a topic and a join link.
      await expect(time).toContainText(/\bJST$/);
      await expect(session.getByRole("heading", { level: 3 })).not.toBeEmpty();
      await expect(session.getByRole("link", { name: /^Join / })).toHaveAttribute("href", /^https:\/\//);

      // "Every week" downloads the weekly series starting with this session, named by the viewer's date.
      const link = session.getByRole("link", { name: /Add to calendar: Every week/ });
      const href = (await link.getAttribute("href"))!;
      expect(href).toBe(`/webinars/weekly.ics?date=${eastern.isoDate}&tz=${encodeURIComponent(VIEWER_ZONE)}`);
      await expect(link).toHaveAttribute("download", `techflow-webinar-${local.isoDate}-weekly.ics`);

      const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
      expect(download.suggestedFilename()).toBe(`techflow-webinar-${local.isoDate}-weekly.ics`);
      const body = await fs.readFile((await download.path())!, "utf8");
      expect(body.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
      expect(body).toContain("RRULE:FREQ=WEEKLY;BYDAY=TU\r\n");
      expect(body).toContain(
        `DTSTART;TZID=${WEEKLY_WEBINAR.timeZone}:${eastern.isoDate.replace(/-/g, "")}T${String(WEEKLY_WEBINAR.hour).padStart(2, "0")}0000`,
      );
      expect(body.trimEnd().endsWith("END:VCALENDAR")).toBe(true);

      const direct = await page.request.get(href);
      expect(direct.status()).toBe(200);
      expect(direct.headers()["content-type"]).toMatch(/^text\/calendar\b/);
      expect(direct.headers()["content-disposition"]).toContain(`techflow-webinar-${local.isoDate}-weekly.ics`);
      // Without the viewer's zone (a calendar app, no JavaScript) the file is named by the Eastern date.
      const withoutZone = await page.request.get(`/webinars/weekly.ics?date=${eastern.isoDate}`);
      expect(withoutZone.headers()["content-disposition"]).toContain(`techflow-webinar-${eastern.isoDate}-weekly.ics`);

      // "This session" is the one session, without a repeat rule.
      const single = session.getByRole("link", { name: /Add to calendar: This session/ });
      await expect(single).toHaveAttribute("download", `techflow-webinar-${local.isoDate}.ics`);
      const singleBody = await (await page.request.get((await single.getAttribute("href"))!)).text();
      expect(singleBody).toContain(`DTSTART;TZID=${WEEKLY_WEBINAR.timeZone}:${eastern.isoDate.replace(/-/g, "")}`);
      expect(singleBody).not.toContain("RRULE:FREQ=WEEKLY");
    }
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("the server renders the sessions in Eastern time", async ({ page }) => {
      await page.goto("/webinars");
      const times = page.getByTestId("upcoming-webinars").locator("time");
      await expect(times).toHaveCount(4);
      for (const text of await times.allTextContents()) {
        expect(text).toContain(WEEKLY_WEBINAR.weekdayName);
        expect(text).toMatch(/\bE[SD]T\b/);
      }
    });
  });

  test("a calendar file for a date that is not an upcoming session is a 404", async ({ request }) => {
    const response = await request.get("/webinars/weekly.ics?date=2001-01-02");
    expect(response.status()).toBe(404);
  });

  test("a browser following a dead calendar link gets a designed page, not plain text", async ({ page }) => {
    const response = await page.goto("/webinars/weekly.ics?date=2001-01-02");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("That calendar file isn’t available");
    await expect(page.getByRole("banner")).toBeVisible();
    await expect(page.getByRole("link", { name: "Choose a session to add to your calendar" })).toHaveAttribute(
      "href",
      "/webinars",
    );
  });

  test("a recording plays: video with captions, chapters that seek, a timed transcript, its duration", async ({
    page,
  }) => {
    await page.goto("/webinars/escalations-and-major-incidents-explained");
    await waitForHydration(page);
    await expect(page.getByText("min read")).toHaveCount(0);
    // The video is still a placeholder: the page says the recording is coming, not "45 minutes".
    await expect(page.locator("header").getByText("Recording coming soon")).toBeVisible();
    await expect(page.locator("header").getByText("45 minutes")).toHaveCount(0);
    await expect(page.getByTestId("recording-coming-soon")).toBeVisible();

    const video = page.getByTestId("recording-video");
    await expect(video.locator('track[kind="captions"]')).toHaveAttribute("srclang", "en");
    const captions = await page.request.get((await video.locator('track[kind="captions"]').getAttribute("src"))!);
    expect(captions.status()).toBe(200);
    expect((await captions.text()).startsWith("WEBVTT")).toBe(true);
    // The video is served and the browser can decode it (metadata loads, with its length).
    await page.waitForFunction(() => {
      const element = document.querySelector<HTMLVideoElement>('[data-testid="recording-video"]');
      return element !== null && element.readyState >= 1 && element.duration > 0;
    });

    // A chapter is a link to the video at that time (works without JS), and with JS it seeks the player.
    const chapter = page.getByTestId("recording-chapters").getByRole("link").nth(3);
    const start = Number(await chapter.getAttribute("data-start"));
    expect(start).toBeGreaterThan(0);
    await expect(chapter).toHaveAttribute("href", new RegExp(`\\.webm#t=${start}$`));
    await chapter.click();
    await expect
      .poll(() => video.evaluate((element: HTMLVideoElement) => Math.floor(element.currentTime)))
      .toBeGreaterThanOrEqual(start);
    await expect(page).toHaveURL(/\/webinars\/escalations-and-major-incidents-explained$/);

    // The transcript, with timestamps, is on the page and found by search.
    await expect(page.getByRole("heading", { name: "Transcript" })).toBeVisible();
    await expect(page.getByText(/^\[5:30\] For a critical ticket/)).toBeVisible();
    const search = await page.request.get(
      `/api/search?${new URLSearchParams({ q: "timers move it up automatically" })}`,
    );
    const hits = ((await search.json()) as { hits: { url: string }[] }).hits;
    expect(hits.some((hit) => hit.url.startsWith("/webinars/escalations-and-major-incidents-explained"))).toBe(true);
  });
});
