/**
 * The facts cache (src/analysis/pool/facts-cache.ts) in PostgreSQL: table analysis_facts of migration 6, shared
 * by every worker of a registry-scale index. Same contract and the same size bound as facts-sqlite.ts.
 */
import type pg from 'pg';
import type { FactsCache, FactsKey, FactsPayload } from '../analysis/pool/facts-cache.ts';
import { factsKeyId, MAX_FACTS_PAYLOAD_BYTES } from '../analysis/pool/facts-cache.ts';
import { evictionCutoff, FACTS_TOUCH_MINUTES, factsCacheBytes, nowMinutes } from './facts-limits.ts';
import type { FactsCacheOptions } from './facts-sqlite.ts';

/** Rows per INSERT: four parameters each, well under PostgreSQL's 65,535 parameters per statement. */
const PUT_CHUNK = 1000;

export class PostgresFactsCache implements FactsCache {
  readonly #pool: pg.Pool;
  readonly #maxBytes: number;
  readonly #now: () => number;
  #total: number | undefined;

  constructor(pool: pg.Pool, options: FactsCacheOptions = {}) {
    this.#pool = pool;
    this.#maxBytes = options.maxBytes ?? factsCacheBytes(process.env);
    this.#now = options.now ?? nowMinutes;
  }

  async getFacts(analyzer: string, keys: readonly FactsKey[]): Promise<Map<string, Uint8Array>> {
    const out = new Map<string, Uint8Array>();
    if (keys.length === 0) return out;
    const wanted = new Set(keys.map(factsKeyId));
    const now = this.#now();
    const { rows } = await this.#pool.query<{
      sha256: string;
      variant: string;
      used: string;
      payload: Buffer;
    }>(
      `SELECT sha256, variant, used, payload FROM analysis_facts
        WHERE analyzer = $1 AND sha256 = ANY($2::text[]) AND octet_length(payload) <= $3`,
      [analyzer, [...new Set(keys.map((key) => key.sha256))], MAX_FACTS_PAYLOAD_BYTES],
    );
    const stale: { sha256: string; variant: string }[] = [];
    for (const row of rows) {
      const id = factsKeyId(row);
      if (!wanted.has(id)) continue;
      out.set(id, row.payload);
      if (Number(row.used) < now - FACTS_TOUCH_MINUTES) stale.push(row);
    }
    if (stale.length > 0) {
      await this.#pool.query(
        `UPDATE analysis_facts f SET used = $1
           FROM unnest($3::text[], $4::text[]) AS k(sha256, variant)
          WHERE f.analyzer = $2 AND f.sha256 = k.sha256 AND f.variant = k.variant`,
        [now, analyzer, stale.map((r) => r.sha256), stale.map((r) => r.variant)],
      );
    }
    return out;
  }

  async putFacts(analyzer: string, entries: readonly FactsPayload[]): Promise<void> {
    // One row per key, the last payload winning (an INSERT … ON CONFLICT may not touch a row twice).
    const byKey = new Map<string, FactsPayload>();
    for (const entry of entries)
      if (entry.payload.length <= MAX_FACTS_PAYLOAD_BYTES) byKey.set(factsKeyId(entry), entry);
    const rows = [...byKey.values()];
    if (rows.length === 0) return;
    const now = this.#now();
    let added = 0;
    for (let start = 0; start < rows.length; start += PUT_CHUNK) {
      const chunk = rows.slice(start, start + PUT_CHUNK);
      // Each payload is its own parameter: node-postgres sends a Buffer as binary, while a bytea[] array went
      // as a text literal of hex escapes (about a third of a worker's main thread on a first indexing pass).
      const values: unknown[] = [analyzer, now];
      const tuples = chunk.map((row) => {
        values.push(
          row.sha256,
          row.variant,
          row.payload.length,
          Buffer.from(row.payload.buffer, row.payload.byteOffset, row.payload.byteLength),
        );
        const at = values.length - 3;
        return `($${at}, $1, $${at + 1}, $${at + 2}::int, $2, $${at + 3}::bytea)`;
      });
      const result = await this.#pool.query<{ size: number }>(
        `INSERT INTO analysis_facts (sha256, analyzer, variant, size, used, payload)
           VALUES ${tuples.join(', ')}
           ON CONFLICT (sha256, analyzer, variant)
             DO UPDATE SET size = excluded.size, used = excluded.used, payload = excluded.payload
           RETURNING size`,
        values,
      );
      added += result.rows.reduce((sum, row) => sum + row.size, 0);
    }
    this.#total = (this.#total ?? (await this.totalBytes())) + added;
    if (this.#total > this.#maxBytes) await this.#evict();
  }

  /** Payload bytes stored. */
  async totalBytes(): Promise<number> {
    const { rows } = await this.#pool.query<{ bytes: string }>(
      'SELECT coalesce(sum(size), 0) AS bytes FROM analysis_facts',
    );
    this.#total = Number(rows[0]?.bytes ?? 0);
    return this.#total;
  }

  async #evict(): Promise<void> {
    const { rows } = await this.#pool.query<{
      sha256: string;
      analyzer: string;
      variant: string;
      size: number;
    }>('SELECT sha256, analyzer, variant, size FROM analysis_facts ORDER BY used DESC, sha256');
    const doomed = rows.slice(evictionCutoff(rows, this.#maxBytes));
    if (doomed.length > 0) {
      await this.#pool.query(
        `DELETE FROM analysis_facts f USING unnest($1::text[], $2::text[], $3::text[]) AS k(sha256, analyzer, variant)
          WHERE f.sha256 = k.sha256 AND f.analyzer = k.analyzer AND f.variant = k.variant`,
        [doomed.map((r) => r.sha256), doomed.map((r) => r.analyzer), doomed.map((r) => r.variant)],
      );
    }
    await this.totalBytes();
  }
}
