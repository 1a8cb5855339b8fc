// Builds the benign npm side of the evaluation: the most-downloaded npm packages (ranked by the
// npm-high-impact snapshot in ../shared/data), each at a pinned version, as the registry's own tarballs.
//
//   npx tsx scripts/corpus/npm-top.ts [--count 300] [--out ~/.cache/assay/corpus/npm-top] [--refresh]
//
// The first run resolves each name to its latest version and writes scripts/corpus/npm-top-300.lock.json
// (name, version, tarball URL, integrity); later runs reuse the lock so the corpus stays the same from run
// to run. Tarballs come through src/sources (integrity-checked, cached) and are written whole: nothing is
// extracted, installed or run (install scripts included).
//
// With --old (npm run corpus:npm-old) each name is pinned instead to an older release people still install:
// the newest version of the previous major line, or, when there is none, the newest version published more
// than two years before the lock is made (scripts/corpus/npm-top-300-old.lock.json, ~/.cache/assay/corpus/npm-top-old).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import semver from 'semver';
import { z } from 'zod';
import { describeError } from '../../src/core/errors.ts';
import { createSources } from '../../src/sources/fetch.ts';
import type { ArtifactFile } from '../../src/sources/types.ts';

const old = process.argv.includes('--old');
const { values } = parseArgs({
  options: {
    old: { type: 'boolean', default: false },
    count: { type: 'string', default: '300' },
    out: {
      type: 'string',
      default: join(homedir(), '.cache', 'assay', 'corpus', old ? 'npm-top-old' : 'npm-top'),
    },
    ranking: {
      type: 'string',
      default: resolve(
        import.meta.dirname,
        '..',
        '..',
        '..',
        'shared',
        'data',
        'npm-high-impact',
        'top-download.js',
      ),
    },
    lock: {
      type: 'string',
      default: resolve(import.meta.dirname, old ? 'npm-top-300-old.lock.json' : 'npm-top-300.lock.json'),
    },
    refresh: { type: 'boolean', default: false },
  },
});

const LockEntry = z.object({
  rank: z.number(),
  name: z.string(),
  version: z.string(),
  tarball: z.string(),
  integrity: z.string().optional(),
});
type LockEntry = z.infer<typeof LockEntry>;
const Lock = z.object({
  source: z.string(),
  selection: z.string().optional(),
  created: z.string(),
  packages: z.array(LockEntry),
});

const count = Number(values.count);
const outDir = resolve(values.out);
mkdirSync(outDir, { recursive: true });
const sources = createSources({});

async function rankedNames(): Promise<string[]> {
  // The snapshot is an ES module exporting `topDownload`, an ordered array of package names.
  const module: unknown = await import(resolve(values.ranking));
  const names = z.object({ topDownload: z.array(z.string()) }).parse(module).topDownload;
  return names.slice(0, count);
}

async function pool<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const index = next++;
        out[index] = await work(items[index]!);
      }
    }),
  );
  return out;
}

const TWO_YEARS_MS = 2 * 365.25 * 24 * 3600 * 1000;

/**
 * The older release of --old: the newest stable version of the major line below the latest, or the newest
 * stable version published more than two years ago; undefined when the package has neither.
 */
async function olderVersion(name: string): Promise<string | undefined> {
  const latest = await sources.npm.resolve(name);
  const stable = latest.versions.filter(
    (entry) => semver.valid(entry.version) !== null && semver.prerelease(entry.version) === null,
  );
  const major = semver.major(latest.version);
  const previous = stable.filter((entry) => semver.major(entry.version) === major - 1);
  const cutoff = new Date(Date.now() - TWO_YEARS_MS).toISOString();
  const candidates =
    previous.length > 0
      ? previous
      : stable.filter((entry) => entry.publishedAt !== undefined && entry.publishedAt < cutoff);
  return candidates.map((entry) => entry.version).sort(semver.rcompare)[0];
}

async function buildLock(): Promise<LockEntry[]> {
  const names = await rankedNames();
  const resolved = await pool(names, 8, async (name): Promise<LockEntry | undefined> => {
    try {
      const pinned = values.old ? await olderVersion(name) : undefined;
      if (values.old && pinned === undefined) {
        process.stderr.write(`skip ${name}: no previous major line and nothing older than two years\n`);
        return undefined;
      }
      const release = await sources.npm.resolve(name, pinned, { abbreviated: true });
      const file = release.files[0];
      if (file === undefined) return undefined;
      return {
        rank: names.indexOf(name) + 1,
        name: release.name,
        version: release.version,
        tarball: file.url,
        ...(file.hashes.integrity !== undefined ? { integrity: file.hashes.integrity } : {}),
      };
    } catch (error) {
      process.stderr.write(`skip ${name}: ${describeError(error).message}\n`);
      return undefined;
    }
  });
  const packages = resolved.filter((entry): entry is LockEntry => entry !== undefined);
  writeFileSync(
    values.lock,
    `${JSON.stringify({ source: 'shared/data/npm-high-impact/top-download.js', ...(values.old ? { selection: 'previous major line, else newest older than two years' } : {}), created: new Date().toISOString().slice(0, 10), packages }, null, 2)}\n`,
  );
  return packages;
}

const packages =
  existsSync(values.lock) && !values.refresh
    ? Lock.parse(JSON.parse(readFileSync(values.lock, 'utf8'))).packages
    : await buildLock();

let fetched = 0;
let cached = 0;
await pool(packages, 8, async (entry) => {
  const target = join(outDir, `${entry.name.replace('/', '__')}-${entry.version}.tgz`);
  if (existsSync(target)) {
    cached++;
    return;
  }
  const file: ArtifactFile = {
    ecosystem: 'npm',
    name: entry.name,
    version: entry.version,
    url: entry.tarball,
    filename: `${entry.name.replace(/^@[^/]+\//, '')}-${entry.version}.tgz`,
    kind: 'tgz',
    hashes: entry.integrity !== undefined ? { integrity: entry.integrity } : {},
    yanked: false,
  };
  try {
    const bytes = await sources.npm.fetchArtifact(file);
    writeFileSync(target, bytes.bytes);
    fetched++;
  } catch (error) {
    process.stderr.write(`fetch ${entry.name}@${entry.version}: ${describeError(error).message}\n`);
  }
});
process.stdout.write(
  `${packages.length} packages in ${values.lock}; ${fetched} downloaded, ${cached} already in ${outDir}\n`,
);
