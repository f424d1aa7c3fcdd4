import { describe, expect, it } from "vitest";
import { ideaDocument, ideaDocumentId, ideasSearchSource } from "~/ideas/search-documents.server";
import { mergeIdea } from "~/ideas/merge.server";
import { setHidden } from "~/ideas/staff-actions.server";
import { actor, submitIdea } from "./factories";

describe("ideas as a search source", () => {
  it("lists visible ideas as public idea documents; merged and hidden ideas are not documents", async () => {
    const [author, pm] = await Promise.all([actor(), actor("moderator")]);
    const kept = await submitIdea(author, "Export ticket reports to CSV for search");
    const merged = await submitIdea(author);
    const hidden = await submitIdea(author);
    await mergeIdea(pm, merged.id, kept.id);
    await setHidden(pm, hidden.id, true, "spam");
    const documents = await ideasSearchSource.listDocuments();
    const ids = documents.map((document) => document.id);
    expect(ids).toContain(ideaDocumentId(kept.id));
    expect(ids).not.toContain(ideaDocumentId(merged.id));
    expect(ids).not.toContain(ideaDocumentId(hidden.id));
    const document = documents.find((entry) => entry.id === ideaDocumentId(kept.id))!;
    expect(document).toMatchObject({
      type: "idea",
      source: "ideas",
      visibility: "public",
      url: kept.url,
      title: "Export ticket reports to CSV for search",
      tags: ["status:open"],
    });
    expect(document.body).toContain("We copy numbers by hand every week.");
  });

  it("ranks by votes, and declined ideas lower", () => {
    const base = {
      id: 1,
      slug: "a",
      title: "A",
      descriptionMarkdown: "x",
      hiddenAt: null,
      mergedIntoId: null,
      updatedAt: new Date(),
      area: { slug: "api" },
    };
    const popular = ideaDocument({ ...base, status: "open", voteCount: 99 })!;
    const quiet = ideaDocument({ ...base, status: "open", voteCount: 1 })!;
    const declined = ideaDocument({ ...base, status: "declined", voteCount: 99 })!;
    expect(popular.popularity).toBeGreaterThan(quiet.popularity);
    expect(declined.popularity).toBeLessThan(popular.popularity);
  });
});
