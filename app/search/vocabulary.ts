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

  hasPrefix(prefix: string): boolean {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.sorted[middle] < prefix) low = middle + 1;
      else high = middle;
    }
    return low < this.sorted.length && this.sorted[low].startsWith(prefix);
  }

  /** Indexed words within the typo budget for the word's length, closest and most common first. */
  nearSpellings(word: string, limit = 3): string[] {
    const budget = allowedTypos(word);
    if (budget === 0) return [];
    const found: { term: string; distance: number }[] = [];
    for (let length = word.length - budget; length <= word.length + budget; length++) {
      for (const term of this.byLength.get(length) ?? []) {
        const distance = editDistance(word, term, budget);
        if (distance <= budget) found.push({ term, distance });
      }
    }
    return found
      .sort((a, b) => a.distance - b.distance || this.documents(b.term) - this.documents(a.term) || a.term.localeCompare(b.term))
      .slice(0, limit)
      .map((entry) => entry.term);
  }
}
