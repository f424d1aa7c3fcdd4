/** Seeded randomness for the search benchmark: every run generates the same corpus and queries. */

/** mulberry32: small, fast and seedable (Math.random can't be seeded). */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** An integer in [min, max], both included. */
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  /** Picks a key with probability proportional to its weight. */
  const weighted = <K extends string | number>(weights: readonly (readonly [K, number])[]): K => {
    const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = next() * total;
    for (const [key, weight] of weights) {
      roll -= weight;
      if (roll < 0) return key;
    }
    return weights[weights.length - 1][0];
  };
  /** Fisher–Yates, in place. */
  const shuffle = <T>(items: T[]): T[] => {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  };
  return { next, int, pick, weighted, shuffle };
}

export type Random = ReturnType<typeof createRandom>;

/**
 * Draws ranks 0..n-1 with P(rank k) ∝ 1 / (k+1)^s — Zipf's law, which word
 * frequencies in natural text follow with s close to 1. Uses Vose's alias
 * method: O(1) per draw (a binary search over the cumulative table costs
 * several times more, and the corpus needs ~14 million draws).
 */
export class ZipfSampler {
  private readonly weights: Float64Array;
  private readonly keep: Float64Array;
  private readonly alias: Int32Array;

  constructor(
    readonly n: number,
    readonly s: number,
  ) {
    this.weights = new Float64Array(n);
    let sum = 0;
    for (let k = 0; k < n; k++) sum += this.weights[k] = 1 / (k + 1) ** s;
    for (let k = 0; k < n; k++) this.weights[k] /= sum;

    // Split each rank's probability × n into "keep" and the rest, given to an alias that is over-full.
    this.keep = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = Array.from(this.weights, (weight) => weight * n);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((value, k) => (value < 1 ? small : large).push(k));
    while (small.length > 0 && large.length > 0) {
      const under = small.pop() as number;
      const over = large.pop() as number;
      this.keep[under] = scaled[under];
      this.alias[under] = over;
      scaled[over] -= 1 - scaled[under];
      (scaled[over] < 1 ? small : large).push(over);
    }
    for (const k of [...small, ...large]) {
      this.keep[k] = 1;
      this.alias[k] = k;
    }
  }

  /** The probability of one draw being rank k. */
  probability(k: number): number {
    return this.weights[k];
  }

  sample(random: Random): number {
    const k = Math.floor(random.next() * this.n);
    return random.next() < this.keep[k] ? k : this.alias[k];
  }
}
