import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkContent } from "~/content/check.server";
import { parseSynonyms, readSynonyms, SYNONYMS_FILE } from "~/content/synonyms.server";
import { createEmbeddedEngine } from "~/search/embedded.server";
import { synonymMap } from "~/search/settings";
import type { SearchEngine } from "~/search/types";
import { doc } from "./contract";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tf-synonyms-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe("the writers' synonym file (content/search/synonyms.yml)", () => {
  it("is valid as committed, and holds the acronyms customers type", () => {
    const { groups, problems } = readSynonyms("content");
    expect(problems).toEqual([]);
    const map = synonymMap(groups);
    expect(map.sso).toContain("single sign-on");
    expect(map["2fa"]).toContain("two-factor");
    expect(map.csv).toContain("spreadsheet");
  });

  it("reports each broken rule with its line, and keeps the good groups", () => {
    const source = [
      "groups:",
      "  - [sso, single sign-on]",
      "  - [lonely]",
      "  - [Excel, spreadsheet]",
      "  - [saml, sso]",
      "  - [one two three four five, five words]",
      "  - [csv, xlsx]",
    ].join("\n");
    const { groups, problems } = parseSynonyms(source);
    expect(problems.map((problem) => `${problem.line}: ${problem.message}`)).toEqual([
      "3: a group needs at least two entries that mean the same",
      '4: "Excel": write entries in lowercase without outer spaces',
      '5: "sso" is already in the group on line 2: an entry belongs to one group',
      '6: "one two three four five": an entry is one to 4 words, at most 40 characters',
    ]);
    expect(groups).toEqual([
      ["sso", "single sign-on"],
      ["csv", "xlsx"],
    ]);
  });

  it("refuses a file that is not YAML or has no groups list", () => {
    expect(parseSynonyms("groups: [sso, [").problems[0]?.message).toMatch(/^not valid YAML/);
    expect(parseSynonyms("- sso\n- saml").problems[0]?.message).toMatch(/groups/);
  });

  it("is part of `npm run content:check`", async () => {
    const contentDir = path.join(tmp, "content");
    fs.mkdirSync(path.join(contentDir, "search"), { recursive: true });
    fs.writeFileSync(path.join(contentDir, SYNONYMS_FILE), "groups:\n  - [sso]\n");
    const problems = await checkContent({
      contentDir,
      cacheDir: path.join(tmp, "cache"),
      publicDir: path.join(tmp, "public"),
    });
    expect(problems).toContainEqual({
      file: SYNONYMS_FILE,
      line: 2,
      message: "a group needs at least two entries that mean the same",
    });
  });
});

describe("search applies the synonym file at query time (embedded engine)", () => {
  let engine: SearchEngine;
  beforeAll(async () => {
    engine = createEmbeddedEngine({ file: path.join(tmp, "ideas.db") });
    // The seeded ideas customers look for by acronym, and pages that must not answer them.
    await engine.replaceAll([
      doc({
        id: "ideas/3",
        type: "idea",
        source: "ideas",
        url: "/ideas/3-single-sign-on-with-okta-and-azure-ad",
        title: "Single sign-on with Okta and Azure AD",
        body: "We manage all our tools through Okta. Please support SAML single sign-on for the portal.",
      }),
      doc({
        id: "ideas/1",
        type: "idea",
        source: "ideas",
        url: "/ideas/1-export-ticket-reports-to-csv",
        title: "Export ticket reports to CSV",
        body: "One Export button on each report.",
      }),
      doc({
        id: "kb/two-factor",
        title: "Turning on two-factor sign-in",
        body: "Add a second step when you sign in.",
      }),
      doc({ id: "kb/account", title: "Create an account", body: "Sign up with your work email." }),
    ]);
  });
  afterAll(() => engine.close());

  const ids = async (query: string) => (await engine.search({ query })).hits.map((hit) => hit.id);

  it('"sso" finds the single sign-on idea, which never says "sso"', async () => {
    expect(await ids("sso")).toEqual(["ideas/3"]);
  });

  it('"2fa" and "mfa" find two-factor sign-in', async () => {
    expect(await ids("2fa")).toEqual(["kb/two-factor"]);
    expect(await ids("mfa")).toEqual(["kb/two-factor"]);
  });

  it('"spreadsheet export" finds the CSV export idea', async () => {
    expect((await ids("spreadsheet export"))[0]).toBe("ideas/1");
  });
});
