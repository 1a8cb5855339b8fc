/**
 * `npm run bench -- facts-cache`: what the per-file facts cache saves when indexing.
 *
 * 1. Ten consecutive versions of five popular npm packages, indexed in version order into a fresh SQLite index
 *    (`assay community add` with two packages in flight), once without the facts cache and once with it: the
 *    hit rate (files of a version whose facts an earlier version left) and the speed-up of each next version.
 *    Tarballs come through assay's own download cache (~/.cache/assay/blobs) and are copied to a temporary
 *    folder first, so neither pass waits on the network.
 * 2. The npm corpus of ~/.cache/assay/corpus/npm-top (or FACTS_BENCH_CORPUS) indexed twice with the cache: the
 *    first pass fills it, the second is what re-indexing costs after a catalog change (a new behavior makes
 *    every package due again, while the analyzers, and so every file's facts, are unchanged).
 */

import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import semver from 'semver';
import {
  type FactsCache,
  type FactsKey,
  type FactsPayload,
  factsKeyId,
} from '../../src/analysis/pool/facts-cache.ts';
import { loadArtifact } from '../../src/artifacts/load.ts';
import { asyncIndex } from '../../src/community/index/async.ts';
import { indexTargets } from '../../src/community/index/indexer.ts';
import { openCommunityStore } from '../../src/community/index/sqlite.ts';
import type { CommunityIndex } from '../../src/community/index/types.ts';
import { createSources, fetchTarget } from '../../src/sources/fetch.ts';
import { parseTarget } from '../../src/sources/target.ts';
import { SqliteFactsCache } from '../../src/store/facts-sqlite.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';

const PACKAGES = (process.env['FACTS_BENCH_PACKAGES'] ?? 'lodash,axios,moment,express,react-dom').split(',');
const VERSIONS = 10;
const CORPUS = process.env['FACTS_BENCH_CORPUS'] ?? join(homedir(), '.cache', 'assay', 'corpus', 'npm-top');

/** Counts look-ups and hits on the way through. */
class CountingCache implements FactsCache {
  looked = 0;
  hit = 0;
  hitBytes = 0;
  /** Source bytes of the files looked up and of those found, when `sizes` knows the files (sha256 → size). */
  lookedSource = 0;
  hitSource = 0;
  sizes = new Map<string, number>();
  constructor(readonly inner: FactsCache) {}
  async getFacts(analyzer: string, keys: readonly FactsKey[]): Promise<Map<string, Uint8Array>> {
    const found = await this.inner.getFacts(analyzer, keys);
    this.looked += keys.length;
    this.hit += found.size;
    for (const payload of found.values()) this.hitBytes += payload.length;
    for (const key of keys) {
      const size = this.sizes.get(key.sha256) ?? 0;
      this.lookedSource += size;
      if (found.has(factsKeyId(key))) this.hitSource += size;
    }
    return found;
  }
  putFacts(analyzer: string, entries: readonly FactsPayload[]): Promise<void> {
    return this.inner.putFacts(analyzer, entries);
  }
}

/** The last `count` stable versions of a package, oldest first. */
async function lastVersions(name: string, count: number): Promise<string[]> {
  const response = await fetch(`https://registry.npmjs.org/${name.replace('/', '%2f')}`, {
    headers: { accept: 'application/vnd.npm.install-v1+json' },
  });
  if (!response.ok) throw new Error(`${name}: registry answered ${response.status}`);
  const body = (await response.json()) as { versions?: Record<string, unknown> };
  const stable = Object.keys(body.versions ?? {}).filter(
    (v) => semver.valid(v) && semver.prerelease(v) === null,
  );
  return stable.sort(semver.compare).slice(-count);
}

/** Downloads (or reads from the download cache) each version's tarball into `dir`; paths in version order. */
async function tarballs(name: string, versions: readonly string[], dir: string): Promise<string[]> {
  const sources = createSources({});
  const paths: string[] = [];
  for (const version of versions) {
    const [artifact] = await fetchTarget(parseTarget(`npm:${name}@${version}`), sources);
    if (artifact === undefined) continue;
    const path = join(dir, `${name.replace('/', '__')}-${version}.tgz`);
    writeFileSync(path, artifact.bytes);
    paths.push(path);
  }
  return paths;
}

interface Pass {
  readonly ms: number[];
  /** CPU of the whole process (every thread), which a shared machine's load does not inflate as it does wall time. */
  readonly cpu: number[];
  readonly looked: number[];
  readonly hit: number[];
  /** Payload bytes read from the cache: the big bundled files of a release change with every version. */
  readonly hitBytes: number[];
  /** Source bytes looked up and found: the files that change between versions are often the largest. */
  readonly lookedSource: number[];
  readonly hitSource: number[];
}

/** One index and what it measures: with or without the facts cache. */
class Indexer {
  readonly pass: Pass = {
    ms: [],
    cpu: [],
    looked: [],
    hit: [],
    hitBytes: [],
    lookedSource: [],
    hitSource: [],
  };
  readonly #store: ReturnType<typeof openCommunityStore>;
  readonly #counting: CountingCache;
  readonly #index: CommunityIndex;

  constructor(dir: string, withCache: boolean) {
    this.#store = openCommunityStore(join(dir, `index-${withCache ? 'cache' : 'plain'}-${Date.now()}.db`));
    this.#counting = new CountingCache(this.#store.factsCache);
    const { factsCache: _, ...plain } = asyncIndex(this.#store);
    this.#index = withCache ? { ...plain, factsCache: this.#counting } : plain;
  }

  async add(path: string): Promise<void> {
    // The files' sizes by sha256, for the bytes-weighted hit rate (read before the clock starts).
    for (const file of (await loadArtifact(path)).files)
      this.#counting.sizes.set(createHash('sha256').update(file.data).digest('hex'), file.data.length);
    const { looked, hit, hitBytes, lookedSource, hitSource } = this.#counting;
    const started = performance.now();
    const cpu = process.cpuUsage();
    const summary = await indexTargets([path], { store: this.#index, concurrency: 1 });
    if (summary.failed.length > 0) throw new Error(`${path}: ${summary.failed[0]?.message}`);
    this.pass.ms.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    this.pass.cpu.push((used.user + used.system) / 1000);
    this.pass.looked.push(this.#counting.looked - looked);
    this.pass.hit.push(this.#counting.hit - hit);
    this.pass.hitBytes.push(this.#counting.hitBytes - hitBytes);
    this.pass.lookedSource.push(this.#counting.lookedSource - lookedSource);
    this.pass.hitSource.push(this.#counting.hitSource - hitSource);
  }

  close(): void {
    this.#store.close();
  }
}

/**
 * Indexes the versions in order into two fresh indexes, one with the facts cache and one without, alternating
 * version by version so that the load of a shared machine weighs on both alike.
 */
async function indexVersions(paths: readonly string[], dir: string): Promise<{ plain: Pass; cached: Pass }> {
  const plain = new Indexer(dir, false);
  const cached = new Indexer(dir, true);
  try {
    for (const path of paths) {
      await plain.add(path);
      await cached.add(path);
    }
  } finally {
    plain.close();
    cached.close();
  }
  return { plain: plain.pass, cached: cached.pass };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const ratio = (before: number, after: number) => `${(before / Math.max(1, after)).toFixed(1)}×`;
const pct = (part: number, whole: number) => (whole === 0 ? '-' : `${((100 * part) / whole).toFixed(0)} %`);

async function versionsTable(dir: string): Promise<string> {
  const rows = [
    '| package | versions | source files per version (median) | hit rate, versions 2–10: files · source bytes | versions 2–10 without the cache: wall · CPU | with the cache: wall · CPU | speed-up (wall · CPU) |',
    '|---|---|---|---|---|---|---|',
  ];
  let plainAll = 0;
  let cachedAll = 0;
  let plainCpu = 0;
  let cachedCpu = 0;
  let lookedAll = 0;
  let hitAll = 0;
  let lookedSourceAll = 0;
  let hitSourceAll = 0;
  for (const name of PACKAGES) {
    const versions = await lastVersions(name, VERSIONS);
    const paths = await tarballs(name, versions, dir);
    const { plain, cached } = await indexVersions(paths, dir);
    const later = (values: readonly number[]) => sum(values.slice(1));
    const files = [...cached.looked].sort((a, b) => a - b)[Math.floor(cached.looked.length / 2)] ?? 0;
    plainAll += later(plain.ms);
    cachedAll += later(cached.ms);
    plainCpu += later(plain.cpu);
    cachedCpu += later(cached.cpu);
    lookedAll += later(cached.looked);
    hitAll += later(cached.hit);
    lookedSourceAll += later(cached.lookedSource);
    hitSourceAll += later(cached.hitSource);
    rows.push(
      `| ${name} ${versions[0]}–${versions.at(-1)} | ${paths.length} | ${files} | ${pct(later(cached.hit), later(cached.looked))} · ${pct(later(cached.hitSource), later(cached.lookedSource))} | ${seconds(later(plain.ms))} · ${seconds(later(plain.cpu))} | ${seconds(later(cached.ms))} · ${seconds(later(cached.cpu))} | ${ratio(later(plain.ms), later(cached.ms))} · ${ratio(later(plain.cpu), later(cached.cpu))} |`,
    );
    process.stderr.write(`facts-cache: ${name} done (load ${loadavg()[0]?.toFixed(1)})\n`);
  }
  rows.push(
    `| all | ${PACKAGES.length * VERSIONS} | | ${pct(hitAll, lookedAll)} · ${pct(hitSourceAll, lookedSourceAll)} | ${seconds(plainAll)} · ${seconds(plainCpu)} | ${seconds(cachedAll)} · ${seconds(cachedCpu)} | ${ratio(plainAll, cachedAll)} · ${ratio(plainCpu, cachedCpu)} |`,
  );
  return rows.join('\n');
}

/** The corpus indexed twice into two fresh indexes sharing one facts cache. */
async function corpusTable(dir: string): Promise<string> {
  let archives: string[];
  try {
    archives = readdirSync(CORPUS)
      .filter((name) => /\.(tgz|tar\.gz)$/.test(name))
      .sort()
      .slice(0, Number(process.env['FACTS_BENCH_CORPUS_LIMIT'] ?? Number.POSITIVE_INFINITY))
      .map((name) => join(CORPUS, name));
  } catch {
    return `skipped: no corpus at ${CORPUS}`;
  }
  const facts = openSqliteStore(join(dir, 'facts.db'));
  const counting = new CountingCache(new SqliteFactsCache(facts.database));
  const rows = [
    '| pass | packages | hit rate | wall time | CPU time | packages/s |',
    '|---|---|---|---|---|---|',
  ];
  try {
    for (const pass of ['first (cache empty)', 'second (cache filled by the first)']) {
      const store = openCommunityStore(join(dir, `corpus-${rows.length}.db`));
      const { factsCache: _, ...plain } = asyncIndex(store);
      const looked = counting.looked;
      const hit = counting.hit;
      const started = performance.now();
      const cpu = process.cpuUsage();
      const summary = await indexTargets(archives, {
        store: { ...plain, factsCache: counting },
        concurrency: 2,
      });
      const wall = performance.now() - started;
      const used = process.cpuUsage(cpu);
      store.close();
      rows.push(
        `| ${pass} | ${summary.indexed} of ${archives.length} | ${pct(counting.hit - hit, counting.looked - looked)} | ${seconds(wall)} | ${seconds((used.user + used.system) / 1000)} | ${(summary.indexed / (wall / 1000)).toFixed(1)} |`,
      );
      process.stderr.write(`facts-cache: corpus ${pass} done (load ${loadavg()[0]?.toFixed(1)})\n`);
    }
    const size = new SqliteFactsCache(facts.database).totalBytes();
    rows.push(`\nFacts stored after both passes: ${(size / 2 ** 20).toFixed(0)} MiB of payloads.`);
  } finally {
    facts.close();
  }
  return rows.join('\n');
}

export async function benchFactsCache(machine: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'assay-bench-facts-'));
  try {
    const only = process.env['FACTS_BENCH_ONLY'];
    const versions = only === 'corpus' ? 'skipped (FACTS_BENCH_ONLY=corpus)' : await versionsTable(dir);
    const loadAfterVersions = loadavg()[0]?.toFixed(1);
    const corpus = only === 'versions' ? 'skipped (FACTS_BENCH_ONLY=versions)' : await corpusTable(dir);
    return [
      machine,
      '',
      `Ten consecutive stable versions of each package, oldest first, each indexed alone (\`community add\` of the local tarball) into a fresh SQLite index; the first version of each package is left out of the sums (nothing to reuse). Load average at the end: ${loadAfterVersions}.`,
      '',
      versions,
      '',
      `The npm corpus of ${CORPUS} (each package's latest tarball${process.env['FACTS_BENCH_CORPUS_LIMIT'] === undefined ? '' : `; the first ${process.env['FACTS_BENCH_CORPUS_LIMIT']} by name`}), indexed twice, two packages in flight, one facts cache. Load average at the end: ${loadavg()[0]?.toFixed(1)}.`,
      '',
      corpus,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
