/**
 * The part of autocannon v8's programmatic API the benchmarks use. The package
 * ships no types and @types/autocannon is not installed; this keeps the bench
 * scripts typed without touching package.json.
 */
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  namespace autocannon {
    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      pipelining?: number;
      /** Seconds before a request counts as a timeout. */
      timeout?: number;
      method?: string;
      headers?: Record<string, string>;
      title?: string;
    }

    /** Mean/stddev/min/max plus percentiles keyed like p50, p97_5, p99_9. */
    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      total?: number;
      p50: number;
      p90: number;
      p97_5: number;
      p99: number;
      [percentile: `p${string}`]: number;
    }

    interface Result {
      title?: string;
      url: string;
      connections: number;
      pipelining: number;
      /** Seconds actually run. */
      duration: number;
      start: Date;
      finish: Date;
      errors: number;
      timeouts: number;
      mismatches: number;
      non2xx: number;
      resets: number;
      "1xx": number;
      "2xx": number;
      "3xx": number;
      "4xx": number;
      "5xx": number;
      statusCodeStats: Record<string, { count: number }>;
      /** Milliseconds. */
      latency: Histogram & { totalCount: number };
      /** Requests per second, sampled each second; `total` is completed requests. */
      requests: Histogram & { sent: number };
      /** Bytes per second. */
      throughput: Histogram;
    }

    /** Without a callback the returned tracker is also a promise of the result. */
    interface Instance extends EventEmitter, PromiseLike<Result> {
      catch<T = never>(onrejected?: (reason: unknown) => T | PromiseLike<T>): Promise<Result | T>;
    }
  }

  function autocannon(options: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
