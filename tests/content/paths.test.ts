import { describe, expect, it } from "vitest";
import { pageIdFromFile, pageIdFromPath } from "~/content/paths";

describe("slug resolution", () => {
  it("maps URL paths to page ids", () => {
    expect(pageIdFromPath("kb", "how-do-i-contact-support")).toBe("kb/how-do-i-contact-support");
    expect(pageIdFromPath("docs", "portal/ticket-statuses")).toBe("docs/portal/ticket-statuses");
    expect(pageIdFromPath("docs", "portal/ticket-statuses/")).toBe("docs/portal/ticket-statuses");
  });

  it("refuses anything that could leave the content folder or is not a slug", () => {
    for (const bad of ["..", "../../etc/passwd", "portal/../../secret", "%2e%2e", "Upper-Case", "with space", "a//b", "", "x.mdx", "a\\b", "-leading"]) {
      expect(pageIdFromPath("docs", bad), bad).toBeNull();
    }
    expect(pageIdFromPath("kb", undefined)).toBeNull();
  });

  it("refuses over-long paths", () => {
    expect(pageIdFromPath("kb", "a".repeat(201))).toBeNull();
    expect(pageIdFromPath("kb", "a".repeat(200))).toBe(`kb/${"a".repeat(200)}`);
  });

  it("derives ids from content files", () => {
    expect(pageIdFromFile("kb/how-do-i-contact-support.mdx")).toEqual({ kind: "kb", id: "kb/how-do-i-contact-support", slug: "how-do-i-contact-support", shape: "kb" });
    expect(pageIdFromFile("docs/portal/notifications.mdx")?.id).toBe("docs/portal/notifications");
    expect(pageIdFromFile("blog/post.mdx")).toBeNull();
    expect(pageIdFromFile("kb/Bad Name.mdx")).toBeNull();
  });

  it("keeps a lesson's number out of its address, and knows the course file from a lesson", () => {
    expect(pageIdFromFile("training/basics/course.mdx")).toMatchObject({ id: "training/basics", shape: "course" });
    expect(pageIdFromFile("training/basics/03-third-step.mdx")).toMatchObject({ id: "training/basics/third-step", shape: "lesson" });
    expect(pageIdFromFile("training/basics/third-step.mdx")).toBeNull();
    expect(pageIdFromFile("training/basics/deeper/01-x.mdx")).toBeNull();
  });
});
