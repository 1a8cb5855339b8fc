// Builds the benign npm side of the evaluation: the most-downloaded npm packages (ranked by the
// npm-high-impact snapshot in ../shared/data), each at a pinned version, as the registry's own tarballs.
//
//   npx tsx scripts/corpus/npm-top.ts [--count 300] [--out ~/.cache/assay/corpus/npm-top] [--refresh]
//
// The first run resolves each name to its latest version and writes scripts/corpus/npm-top-300.lock.json
// (name, version, tarball URL, integrity); later runs reuse the lock so the corpus stays the same from run
// to run. Tarballs come through src/sources (integrity-checked, cached) and are written whole: nothing is
// extracted, installed or run.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { describeError } from '../../src/core/errors.ts';
import { createSources } from '../../src/sources/fetch.ts';
import type { ArtifactFile } from '../../src/sources/types.ts';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '300' },
    out: { type: 'string', default: join(homedir(), '.cache', 'assay', 'corpus', 'npm-top') },
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
    lock: { type: 'string', default: resolve(import.meta.dirname, 'npm-top-300.lock.json') },
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
const Lock = z.object({ source: z.string(), created: z.string(), packages: z.array(LockEntry) });

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

async function buildLock(): Promise<LockEntry[]> {
  const names = await rankedNames();
  const resolved = await pool(names, 8, async (name): Promise<LockEntry | undefined> => {
    try {
      const release = await sources.npm.resolve(name, undefined, { abbreviated: true });
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
    `${JSON.stringify({ source: 'shared/data/npm-high-impact/top-download.js', created: new Date().toISOString().slice(0, 10), packages }, null, 2)}\n`,
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
