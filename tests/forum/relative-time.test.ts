import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { RelativeTime, relativeTimeText } from "~/components/forum/relative-time";
import { ViewerTime } from "~/components/viewer-time";

const NOW = Date.parse("2026-12-07T12:00:00Z");

describe("how a post's time reads", () => {
  it("says how long ago in words a reader expects", () => {
    expect(relativeTimeText("2026-12-07T11:59:30Z", NOW)).toBe("just now");
    expect(relativeTimeText("2026-12-07T11:55:00Z", NOW)).toBe("5 minutes ago");
    expect(relativeTimeText("2026-12-07T10:00:00Z", NOW)).toBe("2 hours ago");
    expect(relativeTimeText("2026-12-06T12:00:00Z", NOW)).toBe("yesterday");
    expect(relativeTimeText("2025-12-01T12:00:00Z", NOW)).toBe("last year");
  });

  it("gives the exact moment in UTC on the server (the reader's zone replaces it in the browser)", () => {
    const html = renderToString(createElement(RelativeTime, { iso: "2026-11-28T17:22:00Z" }));
    expect(html).toContain('dateTime="2026-11-28T17:22:00Z"');
    expect(html).toContain('title="Nov 28, 2026, 5:22 PM UTC"');
    expect(renderToString(createElement(ViewerTime, { iso: "2026-11-28T17:22:00Z" }))).toContain(
      "Nov 28, 2026, 5:22 PM UTC",
    );
  });
});
