import { allowedTypos, editDistance, stem } from "./text";

/**
 * The index's own words (read from fts5vocab) arranged for the three look-ups
 * the query planner needs: same stem, same prefix, and near spellings.
 */
export class Vocabulary {
  private readonly frequency = new Map<string, number>();
  private readonly byStem = new Map<string, string[]>();
  private readonly byLength = new Map<number, string[]>();
  private readonly sorted: string[];
  /** One-deletion variants → terms (built on the first typo): a one-typo lookup is a few map reads, not a scan. */
  private deletions: Map<string, string[]> | null = null;
  private readonly nearCache = new Map<string, string[]>();

  constructor(entries: Iterable<{ term: string; documents: number }>) {
    for (const { term, documents } of entries) {
      this.frequency.set(term, documents);
      const key = stem(term);
      const siblings = this.byStem.get(key);
      if (siblings) siblings.push(term);
      else this.byStem.set(key, [term]);
      const sameLength = this.byLength.get(term.length);
      if (sameLength) sameLength.push(term);
      else this.byLength.set(term.length, [term]);
    }
    this.sorted = [...this.frequency.keys()].sort();
  }

  get size() {
    return this.frequency.size;
  }

  has(term: string) {
    return this.frequency.has(term);
  }

  documents(term: string) {
    return this.frequency.get(term) ?? 0;
  }

  /** Indexed words sharing the word's stem: "escalating" → escalation, escalated, … */
  sameStem(word: string, limit = 12): string[] {
    const siblings = this.byStem.get(stem(word)) ?? [];
    return [...siblings].sort((a, b) => this.documents(b) - this.documents(a) || a.localeCompare(b)).slice(0, limit);
  }

  /** Index in `sorted` of the first term not below `text`. */
  private lowerBound(text: string): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.sorted[middle] < text) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  hasPrefix(prefix: string): boolean {
    const low = this.lowerBound(prefix);
    return low < this.sorted.length && this.sorted[low].startsWith(prefix);
  }

  /**
   * The indexed words starting with `prefix`, the `limit` in most documents first, and how many documents
   * hold any of them at most (the sum of their counts): what FTS5 reads for `"prefix"*`.
   */
  prefixCompletions(prefix: string, limit: number): { terms: string[]; documents: number } {
    const found: string[] = [];
    let documents = 0;
    for (let index = this.lowerBound(prefix); index < this.sorted.length; index++) {
      const term = this.sorted[index];
      if (!term.startsWith(prefix)) break;
      found.push(term);
      documents += this.documents(term);
    }
    found.sort((a, b) => this.documents(b) - this.documents(a) || a.localeCompare(b));
    return { terms: found.slice(0, limit), documents };
  }

  private deletionIndex() {
    if (!this.deletions) {
      this.deletions = new Map();
      for (const term of this.frequency.keys()) {
        if (term.length < 4) continue;
        for (const variant of deletionsOf(term)) {
          const terms = this.deletions.get(variant);
          if (terms) terms.push(term);
          else this.deletions.set(variant, [term]);
        }
      }
    }
    return this.deletions;
  }

  /** Indexed words within the typo budget for the word's length, closest and most common first. */
  nearSpellings(word: string, limit = 3): string[] {
    const key = `${word}:${limit}`;
    const cached = this.nearCache.get(key);
    if (cached) return cached;
    const budget = allowedTypos(word);
    const found = new Map<string, number>();
    if (budget > 0) {
      // Distance 1 (insert, delete, substitute, swap neighbours) always shares a one-deletion variant.
      const index = this.deletionIndex();
      for (const variant of [word, ...deletionsOf(word)]) {
        for (const term of [...(index.get(variant) ?? []), ...(this.frequency.has(variant) ? [variant] : [])]) {
          if (found.has(term)) continue;
          const distance = editDistance(word, term, 1);
          if (distance <= 1) found.set(term, distance);
        }
      }
      // Two typos only for long words, and only when one was not enough; the first letter is rarely the mistake.
      if (budget === 2 && found.size === 0) {
        for (let length = word.length - 2; length <= word.length + 2; length++) {
          for (const term of this.byLength.get(length) ?? []) {
            if (term[0] !== word[0]) continue;
            const distance = editDistance(word, term, 2);
            if (distance <= 2) found.set(term, distance);
          }
        }
      }
    }
    const result = [...found]
      .sort((a, b) => a[1] - b[1] || this.documents(b[0]) - this.documents(a[0]) || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([term]) => term);
    if (this.nearCache.size > 5000) this.nearCache.clear();
    this.nearCache.set(key, result);
    return result;
  }
}

function deletionsOf(word: string): string[] {
  const variants = new Set<string>();
  for (let index = 0; index < word.length; index++) variants.add(word.slice(0, index) + word.slice(index + 1));
  return [...variants];
}
