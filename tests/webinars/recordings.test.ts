import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { weeklyWebinarIcs } from "~/webinars/ics";
import { liveSessionTopic, LIVE_WEBINAR_JOIN_URL } from "~/webinars/live-sessions";
import { formatInZone, zoneShortName } from "~/webinars/schedule";
import { formatTimestamp, parseWebVtt } from "~/webinars/webvtt";

const CONTENT = "content/webinars";
const PUBLIC = "public/media/webinars";
const slugs = readdirSync(CONTENT)
  .filter((name) => name.endsWith(".mdx"))
  .map((name) => name.replace(/\.mdx$/, ""));

function durationSecondsOf(slug: string) {
  const minutes = readFileSync(path.join(CONTENT, `${slug}.mdx`), "utf8").match(/^durationMinutes:\s*(\d+)/m)?.[1];
  return Number(minutes) * 60;
}

describe("recordings", () => {
  it("there are recordings to check", () => {
    expect(slugs.length).toBeGreaterThan(0);
  });

  for (const slug of slugs) {
    describe(slug, () => {
      it("has a small placeholder video in the repository (no ffmpeg needed to serve it)", () => {
        const video = path.join(PUBLIC, `${slug}.webm`);
        const bytes = statSync(video).size;
        expect(bytes).toBeGreaterThan(1_000);
        expect(bytes).toBeLessThan(300 * 1024);
        // A WebM (Matroska/EBML) file, not an LFS pointer or a stray text file.
        expect(readFileSync(video).subarray(0, 4).toString("hex")).toBe("1a45dfa3");
      });

      it("has English captions whose every cue appears, with its time, in the page's transcript (so search finds it)", () => {
        const captions = parseWebVtt(readFileSync(path.join(PUBLIC, `${slug}.en.vtt`), "utf8"));
        expect(captions.length).toBeGreaterThan(3);
        const mdx = readFileSync(path.join(CONTENT, `${slug}.mdx`), "utf8");
        const transcript = mdx.slice(mdx.indexOf("## Transcript"));
        expect(mdx).toContain("## Transcript");
        for (const cue of captions) expect(transcript).toContain(`**[${formatTimestamp(cue.start)}]** ${cue.text}`);
        for (let index = 1; index < captions.length; index++)
          expect(captions[index].start).toBeGreaterThanOrEqual(captions[index - 1].end);
        expect(captions.at(-1)!.end).toBeLessThanOrEqual(durationSecondsOf(slug));
      });

      it("has chapters in order, inside the session, each a heading of the transcript", () => {
        const chapters = parseWebVtt(readFileSync(path.join(PUBLIC, `${slug}.chapters.vtt`), "utf8"));
        expect(chapters.length).toBeGreaterThan(2);
        expect(chapters[0].start).toBe(0);
        const mdx = readFileSync(path.join(CONTENT, `${slug}.mdx`), "utf8");
        for (const [index, chapter] of chapters.entries()) {
          if (index > 0) expect(chapter.start).toBeGreaterThan(chapters[index - 1].start);
          expect(chapter.end).toBeLessThanOrEqual(durationSecondsOf(slug));
          expect(mdx).toContain(`### ${formatTimestamp(chapter.start)} ${chapter.text}`);
        }
      });
    });
  }
});

describe("WebVTT and timestamps", () => {
  it("parses cues with hours, settings and multi-line text", () => {
    const cues = parseWebVtt(
      "WEBVTT\nKind: captions\n\nintro\n00:00:01.500 --> 00:01:02.000 align:start\nHello\nworld\n\nNOTE skip me\n\n01:00:00.000 --> 01:00:05.000\nLater\n",
    );
    expect(cues).toEqual([
      { start: 1.5, end: 62, text: "Hello world" },
      { start: 3600, end: 3605, text: "Later" },
    ]);
  });

  it("formats times the way players show them", () => {
    expect(formatTimestamp(0)).toBe("0:00");
    expect(formatTimestamp(754)).toBe("12:34");
    expect(formatTimestamp(3723)).toBe("1:02:03");
  });
});

describe("live sessions", () => {
  it("names time zones by their abbreviation where one exists", () => {
    const winter = new Date("2026-12-01T19:00:00Z");
    expect(zoneShortName(winter, "America/New_York")).toBe("EST");
    expect(zoneShortName(winter, "Europe/Berlin")).toBe("CET");
    expect(zoneShortName(winter, "Asia/Tokyo")).toBe("JST");
    expect(zoneShortName(new Date("2026-07-07T18:00:00Z"), "Europe/London")).toBe("BST");
    // No common abbreviation: the offset, never an empty string.
    expect(zoneShortName(winter, "Etc/GMT-4")).toBe("GMT+4");
    expect(formatInZone(winter, "Asia/Tokyo")).toMatch(/^Wednesday, December 2, 2026 at 4:00\s?AM JST$/);
  });

  it("every session has a title and topic, the same for everyone on that date", () => {
    const topic = liveSessionTopic("2026-12-01");
    expect(topic.title.length).toBeGreaterThan(5);
    expect(topic.topic.length).toBeGreaterThan(10);
    expect(liveSessionTopic("2026-12-01")).toEqual(topic);
    expect(liveSessionTopic("2026-12-08")).not.toEqual(topic);
  });

  it("a single-session calendar file has no repeat rule and names the topic and the join link", () => {
    const now = new Date("2026-11-28T10:00:00Z");
    const single = weeklyWebinarIcs({
      localDate: "2026-12-01",
      url: "http://localhost/webinars",
      now,
      series: false,
    }).replace(/\r\n /g, "");
    expect(single).not.toContain("RRULE:FREQ=WEEKLY");
    expect(single).toContain(`SUMMARY:TechFlow webinar: ${liveSessionTopic("2026-12-01").title}`);
    expect(single).toContain(`LOCATION:${LIVE_WEBINAR_JOIN_URL}`);
    const series = weeklyWebinarIcs({ localDate: "2026-12-01", url: "http://localhost/webinars", now }).replace(
      /\r\n /g,
      "",
    );
    expect(series).toContain("RRULE:FREQ=WEEKLY;BYDAY=TU");
    expect(series).not.toEqual(single);
  });
});
