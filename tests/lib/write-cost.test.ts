import { describe, expect, it } from "vitest";
import {
  asOtherWork,
  noteRequestArrival,
  startRequestCost,
  whenRequestsAnswered,
  writeCostSummary,
} from "~/lib/write-cost.server";

/** Keeps the main thread busy for about `ms`, as a write's own work would. */
function spin(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** A request as the production server follows it: arrival, then its end when the response closes. */
function request(isWrite: boolean) {
  noteRequestArrival();
  return startRequestCost(isWrite);
}

describe("what one write costs the main thread (/healthz for staff)", () => {
  it("measures a lone write's own busy time", () => {
    const since = Date.now();
    const end = request(true);
    spin(12);
    end();
    const summary = writeCostSummary(since);
    expect(summary.measured).toBe(1);
    expect(summary.mainThreadP95Ms).toBeGreaterThanOrEqual(11);
    expect(summary.mainThreadP95Ms).toBeLessThan(200);
  });

  it("leaves out a write that another request or a queued task overlapped, and counts it", async () => {
    const since = Date.now();
    const overlappedBefore = writeCostSummary().overlappedSinceStart;

    const write = request(true);
    const read = request(false);
    read();
    write();

    const readFirst = request(false);
    const writeDuring = request(true);
    readFirst();
    writeDuring();

    const writeWithTask = request(true);
    await asOtherWork(async () => spin(2));
    writeWithTask();

    expect(writeCostSummary(since).measured).toBe(0);
    expect(writeCostSummary().overlappedSinceStart - overlappedBefore).toBe(3);
  });

  it("never measures reads", () => {
    const since = Date.now();
    const end = request(false);
    spin(2);
    end();
    expect(writeCostSummary(since).measured).toBe(0);
  });

  it("starts background work after the responses in flight have gone out", async () => {
    const order: string[] = [];
    const end = request(true);
    const started = new Promise<void>((resolve) =>
      whenRequestsAnswered(() => {
        order.push("background");
        resolve();
      }, 5_000),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    order.push("response");
    end();
    await started;
    expect(order).toEqual(["response", "background"]);
  });

  it("does not wait past its limit under steady traffic", async () => {
    const end = request(false);
    const startedAt = performance.now();
    await new Promise<void>((resolve) => whenRequestsAnswered(resolve, 30));
    expect(performance.now() - startedAt).toBeLessThan(1_000);
    end();
  });
});
