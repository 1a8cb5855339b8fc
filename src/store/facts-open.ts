/**
 * The command line's facts cache: a SQLite file of its own (default ~/.cache/assay/facts.db, or ASSAY_FACTS_DB),
 * apart from the vulnerability database, so that a CI cache of the vulnerability data does not carry a gigabyte
 * of facts and a scan never migrates the database other tools read. Opened on the first look-up only: a scan
 * with no source file never loads SQLite for it.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { FactsCache, FactsKey, FactsPayload } from '../analysis/pool/facts-cache.ts';
import { SqliteFactsCache } from './facts-sqlite.ts';
import { openSqliteStore, type SqliteStore } from './sqlite.ts';

export interface ClosableFactsCache extends FactsCache {
  close(): void;
}

/** Where the facts file lives, or undefined when ASSAY_FACTS_CACHE turns the cache off (0, off, false, no). */
export function factsCachePath(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (/^(0|off|false|no)$/i.test(env['ASSAY_FACTS_CACHE']?.trim() ?? '')) return undefined;
  const explicit = env['ASSAY_FACTS_DB'];
  if (explicit !== undefined && explicit !== '') return explicit;
  const xdg = env['XDG_CACHE_HOME'];
  const cacheHome = xdg !== undefined && xdg !== '' ? xdg : join(env['HOME'] ?? homedir(), '.cache');
  return join(cacheHome, 'assay', 'facts.db');
}

/**
 * A cache that opens `path` on first use. When the file cannot be opened (a read-only home, a newer schema)
 * it stays closed and every look-up misses: the scan analyzes as it would without it.
 */
export function lazyFactsCache(path: string): ClosableFactsCache {
  let store: SqliteStore | undefined;
  let cache: SqliteFactsCache | undefined;
  let failed = false;
  const open = (): SqliteFactsCache | undefined => {
    if (cache !== undefined || failed) return cache;
    try {
      store = openSqliteStore(path);
      cache = new SqliteFactsCache(store.database);
    } catch {
      failed = true;
    }
    return cache;
  };
  return {
    async getFacts(analyzer: string, keys: readonly FactsKey[]) {
      return (await open()?.getFacts(analyzer, keys)) ?? new Map<string, Uint8Array>();
    },
    async putFacts(analyzer: string, entries: readonly FactsPayload[]) {
      await open()?.putFacts(analyzer, entries);
    },
    close() {
      store?.close();
      store = undefined;
      cache = undefined;
    },
  };
}
