import { describe, expect, it } from "vitest";
import { healthHttpStatus, type Health } from "~/health.server";

const healthy: Health = { db: "ok", search: "ok", content: "build-1" };

describe("/healthz status code (what a load balancer reads)", () => {
  it("is 503 when the database is down, whatever search says", () => {
    expect(healthHttpStatus({ ...healthy, db: "down" })).toBe(503);
    expect(healthHttpStatus({ ...healthy, db: "down", search: "down" })).toBe(503);
  });

  it("stays 200 when only search is degraded or down: pages still work and search falls back", () => {
    expect(healthHttpStatus(healthy)).toBe(200);
    expect(healthHttpStatus({ ...healthy, search: "degraded" })).toBe(200);
    expect(healthHttpStatus({ ...healthy, search: "down" })).toBe(200);
  });
});
