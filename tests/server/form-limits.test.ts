import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FORM_FIELDS, MAX_REPEATS_OF_ONE_FIELD } from "~/lib/form-limits";
import { prisma } from "~/lib/db.server";
import { FORM_BODY_LIMIT } from "../../server/app-server";
import { multipartProblem } from "../../server/form-shape";
import { rawRequest, startServer, type RunningServer } from "./running-server";

/**
 * A form's field count is bounded before any parser runs: parsing (and Conform's reading of the
 * parsed form) grows with the square of the repeats of one name, so one anonymous 64 KB request of
 * `a&a&a…` used to hold the server for seconds while every other request, /healthz included, waited.
 */
const ARTICLE = "/kb/how-fast-will-we-respond-to-my-ticket";
const FORM = "application/x-www-form-urlencoded";

let running: RunningServer;
beforeAll(async () => {
  running = await startServer();
});
afterAll(async () => {
  await running.close();
  await prisma.$disconnect();
});

function post(path: string, body: string, contentType = FORM) {
  return rawRequest(running, {
    method: "POST",
    path,
    headers: { Origin: running.base, "Content-Type": contentType },
    body,
  });
}

describe("forms with too many fields", () => {
  it("answers 32,000 copies of one field name in a 64 KB body with a 400 and the reason, at once, while /healthz keeps answering", async () => {
    const body = Array.from({ length: 32_000 }, () => "a").join("&");
    expect(body.length).toBeLessThanOrEqual(FORM_BODY_LIMIT);
    const started = performance.now();
    let refusedAt = 0;
    const refused = post("/login", body).then((response) => {
      refusedAt = performance.now() - started;
      return response;
    });
    const health = rawRequest(running, { path: "/healthz" });
    const [refusal, healthz] = await Promise.all([refused, health]);
    expect(refusal.status).toBe(400);
    expect(refusal.body).toContain(`repeats the field “a” more than ${MAX_REPEATS_OF_ONE_FIELD} times`);
    expect(healthz.status).toBe(200);
    // It took 17 s before the limit; anything near that means the parser ran.
    expect(refusedAt).toBeLessThan(1_000);
  });

  it("counts a name however it is encoded (a, %61 and + for a space are the names the parser sees)", async () => {
    const alternating = Array.from({ length: MAX_REPEATS_OF_ONE_FIELD + 1 }, (_, index) =>
      index % 2 ? "%61" : "a",
    ).join("&");
    expect((await post("/login", alternating)).status).toBe(400);
    const spaced = Array.from({ length: MAX_REPEATS_OF_ONE_FIELD + 1 }, (_, index) =>
      index % 2 ? "my+name=1" : "my%20name=2",
    ).join("&");
    expect((await post("/login", spaced)).body).toContain("repeats the field “my name”");
  });

  it("refuses more than 1,000 fields with a 413 and the reason", async () => {
    const body = Array.from({ length: MAX_FORM_FIELDS + 1 }, (_, index) => `f${index}=1`).join("&");
    const response = await post("/login", body);
    expect(response.status).toBe(413);
    expect(response.body).toContain("more than 1,000 fields");
  });

  it("refuses a multipart form over the same limits", async () => {
    const boundary = "limits";
    const part = `--${boundary}\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n`;
    const response = await post(
      "/login",
      `${part.repeat(MAX_REPEATS_OF_ONE_FIELD + 1)}--${boundary}--\r\n`,
      `multipart/form-data; boundary=${boundary}`,
    );
    expect(response.status).toBe(400);
    expect(response.body).toContain("repeats the field “a”");
  });

  it("lets a form at the limits through to the page (a vote with 100 repeats of one name and 1,000 fields in all is stored)", async () => {
    const fields = [`page=${ARTICLE.slice(1)}`, "helpful=yes"];
    for (let index = 0; index < MAX_REPEATS_OF_ONE_FIELD; index++) fields.push("extra=1");
    while (fields.length < MAX_FORM_FIELDS) fields.push(`unused${fields.length}=1`);
    const response = await post(ARTICLE, fields.join("&"));
    expect(response.status).toBe(200);
    const visitor = /tf_visitor=([\w-]+)/.exec(String(response.headers["set-cookie"]))?.[1];
    expect(await prisma.helpfulVote.count({ where: { pageId: ARTICLE.slice(1), visitorId: visitor } })).toBe(1);
  });
});

describe("the field count before parsing", () => {
  it("counts multipart parts from their headers", () => {
    const boundary = "b";
    const body = Buffer.from(
      Array.from(
        { length: MAX_FORM_FIELDS + 1 },
        (_, index) => `--${boundary}\r\nContent-Disposition: form-data; name="f${index}"\r\n\r\nx\r\n`,
      ).join("") + `--${boundary}--\r\n`,
    );
    expect(multipartProblem(body, boundary)).toMatchObject({ status: 413 });
  });
});
