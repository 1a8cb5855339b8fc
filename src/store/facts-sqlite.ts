/**
 * The facts cache (src/analysis/pool/facts-cache.ts) in the SQLite store: table analysis_facts of migration 6.
 * Payloads are opaque here; the analysis side checks each one it reads. The table is bounded: past
 * `maxBytes` of payloads the least recently used rows go until a tenth of the room is free again.
 */
import type Database from 'better-sqlite3';
import type { FactsCache, FactsKey, FactsPayload } from '../analysis/pool/facts-cache.ts';
import { factsKeyId, MAX_FACTS_PAYLOAD_BYTES } from '../analysis/pool/facts-cache.ts';
import { evictionCutoff, FACTS_TOUCH_MINUTES, factsCacheBytes, nowMinutes } from './facts-limits.ts';

/** Keys per query, bounding one JSON parameter. */
const CHUNK = 2000;

export interface FactsCacheOptions {
  /** Payload bytes kept at most (default: ASSAY_FACTS_CACHE_MB or 1 GiB). */
  readonly maxBytes?: number;
  /** The clock in minutes, for tests. */
  readonly now?: () => number;
}

export class SqliteFactsCache implements FactsCache {
  readonly #db: Database.Database;
  readonly #maxBytes: number;
  readonly #now: () => number;
  #total: number | undefined;
  readonly #get: Database.Statement;
  readonly #touch: Database.Statement;
  readonly #put: Database.Statement;

  constructor(db: Database.Database, options: FactsCacheOptions = {}) {
    this.#db = db;
    this.#maxBytes = options.maxBytes ?? factsCacheBytes(process.env);
    this.#now = options.now ?? nowMinutes;
    this.#get = db.prepare(
      `SELECT sha256, variant, used, payload FROM analysis_facts
        WHERE analyzer = ? AND sha256 IN (SELECT value FROM json_each(?)) AND length(payload) <= ?`,
    );
    this.#touch = db.prepare(
      'UPDATE analysis_facts SET used = ? WHERE sha256 = ? AND analyzer = ? AND variant = ? AND used < ?',
    );
    this.#put = db.prepare(
      `INSERT INTO analysis_facts (sha256, analyzer, variant, size, used, payload) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT DO UPDATE SET size = excluded.size, used = excluded.used, payload = excluded.payload`,
    );
  }

  async getFacts(analyzer: string, keys: readonly FactsKey[]): Promise<Map<string, Uint8Array>> {
    const wanted = new Set(keys.map(factsKeyId));
    const out = new Map<string, Uint8Array>();
    const stale: { sha256: string; variant: string }[] = [];
    const now = this.#now();
    const hashes = [...new Set(keys.map((key) => key.sha256))];
    for (let start = 0; start < hashes.length; start += CHUNK) {
      const rows = this.#get.all(
        analyzer,
        JSON.stringify(hashes.slice(start, start + CHUNK)),
        MAX_FACTS_PAYLOAD_BYTES,
      ) as { sha256: string; variant: string; used: number; payload: Uint8Array }[];
      for (const row of rows) {
        const id = factsKeyId(row);
        if (!wanted.has(id)) continue;
        out.set(id, row.payload);
        if (row.used < now - FACTS_TOUCH_MINUTES) stale.push(row);
      }
    }
    // Marking a row used is a write; done at most once a day per row, so reads stay reads.
    if (stale.length > 0) {
      this.#db.transaction(() => {
        for (const row of stale)
          this.#touch.run(now, row.sha256, analyzer, row.variant, now - FACTS_TOUCH_MINUTES);
      })();
    }
    return out;
  }

  async putFacts(analyzer: string, entries: readonly FactsPayload[]): Promise<void> {
    const now = this.#now();
    let added = 0;
    this.#db.transaction(() => {
      for (const entry of entries) {
        if (entry.payload.length > MAX_FACTS_PAYLOAD_BYTES) continue;
        const result = this.#put.run(
          entry.sha256,
          analyzer,
          entry.variant,
          entry.payload.length,
          now,
          entry.payload,
        );
        // A replaced row (one whose payload failed its checks) is counted again: the total errs high, and an
        // eviction recounts it exactly.
        if (result.changes > 0) added += entry.payload.length;
      }
    })();
    this.#total = (this.#total ?? this.#sum()) + added;
    if (this.#total > this.#maxBytes) this.#evict();
  }

  /** Payload bytes stored. */
  totalBytes(): number {
    this.#total = this.#sum();
    return this.#total;
  }

  #sum(): number {
    return (this.#db.prepare('SELECT total(size) AS bytes FROM analysis_facts').get() as { bytes: number })
      .bytes;
  }

  #evict(): void {
    const rows = this.#db
      .prepare('SELECT rowid AS id, size FROM analysis_facts ORDER BY used DESC, rowid DESC')
      .all() as { id: number; size: number }[];
    const cut = evictionCutoff(rows, this.#maxBytes);
    const doomed = rows.slice(cut).map((row) => row.id);
    const remove = this.#db.prepare(
      'DELETE FROM analysis_facts WHERE rowid IN (SELECT value FROM json_each(?))',
    );
    this.#db.transaction(() => {
      for (let start = 0; start < doomed.length; start += CHUNK)
        remove.run(JSON.stringify(doomed.slice(start, start + CHUNK)));
    })();
    this.#total = this.#sum();
  }
}
