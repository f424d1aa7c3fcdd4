import type pg from "pg";
import { allowedTypos, editDistance, queryWords } from "./text";
import { Vocabulary } from "./vocabulary";

const VOCABULARY_CHECK_MS = 1000;
const TRIGRAM_CANDIDATES = 40;

/** The in-memory vocabulary, with near spellings from pg_trgm's nearest neighbours instead of a scan. */
class TrigramVocabulary extends Vocabulary {
  constructor(
    entries: Iterable<{ term: string; documents: number }>,
    private readonly neighbours: Map<string, string[]>,
  ) {
    super(entries);
  }

  override nearSpellings(word: string, limit = 3): string[] {
    const budget = allowedTypos(word);
    if (budget === 0) return [];
    const scored = (this.neighbours.get(word) ?? [])
      .map((term) => ({ term, distance: editDistance(word, term, budget) }))
      .filter(({ term, distance }) => distance <= budget && (distance < 2 || term[0] === word[0]));
    const best = Math.min(...scored.map(({ distance }) => distance));
    return scored
      .filter(({ distance }) => distance === best)
      .sort((a, b) => this.documents(b.term) - this.documents(a.term) || a.term.localeCompare(b.term))
      .slice(0, limit)
      .map(({ term }) => term);
  }
}

/**
 * The PostgreSQL index's words (search_vocabulary, kept exact by every write) held in memory for the query
 * planner, re-read when the index version shows a write here or on another instance. Typo candidates of
 * query words the index lacks come from pg_trgm as queries arrive.
 */
export class PostgresVocabulary {
  /** Typo candidates per unknown query word; reset with the vocabulary. */
  private neighbours: Map<string, string[]>;
  private vocabulary: TrigramVocabulary;
  private version = -1;
  private checkedAt = 0;
  private totalDocuments = 0;

  constructor(private readonly pool: pg.Pool) {
    this.neighbours = new Map();
    this.vocabulary = new TrigramVocabulary([], this.neighbours);
  }

  /** A write here: look at the version on the next query instead of waiting for the check interval. */
  markWritten() {
    this.checkedAt = 0;
  }

  /** The vocabulary to plan this query with (typo candidates of its unknown words loaded), and the document count for IDF. */
  async forQuery(query: string): Promise<{ vocabulary: Vocabulary; totalDocuments: number }> {
    await this.reloadWhenChanged();
    const unknown = queryWords(query).filter(
      (word) => !this.vocabulary.has(word) && allowedTypos(word) > 0 && !this.neighbours.has(word),
    );
    if (this.neighbours.size > 5000) this.neighbours.clear();
    for (const word of unknown) {
      // Nearest by trigram distance through the GiST index; the planner's typo budget then decides.
      const { rows } = await this.pool.query<{ term: string }>(
        "SELECT term FROM search_vocabulary ORDER BY term <-> $1 LIMIT $2",
        [word, TRIGRAM_CANDIDATES],
      );
      this.neighbours.set(
        word,
        rows.map((row) => row.term),
      );
    }
    return { vocabulary: this.vocabulary, totalDocuments: this.totalDocuments };
  }

  /** Re-reads the vocabulary when another write (here or on another instance) changed the index. */
  private async reloadWhenChanged() {
    if (Date.now() - this.checkedAt < VOCABULARY_CHECK_MS && this.version >= 0) return;
    this.checkedAt = Date.now();
    const { rows } = await this.pool.query<{ version: string }>("SELECT version FROM search_index_version");
    const version = Number(rows[0]?.version ?? 0);
    if (version === this.version) return;
    const terms = await this.pool.query<{ term: string; documents: number }>(
      "SELECT term, documents FROM search_vocabulary",
    );
    this.totalDocuments =
      (await this.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM search_documents")).rows[0]?.n ?? 0;
    this.neighbours = new Map();
    this.vocabulary = new TrigramVocabulary(terms.rows, this.neighbours);
    this.version = version;
  }
}
