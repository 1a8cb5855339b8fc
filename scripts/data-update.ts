/**
 * Regenerates the data snapshots in data/ (npm run data:update).
 *
 *   tsx scripts/data-update.ts                 from the copies in ../shared/data (the default)
 *   tsx scripts/data-update.ts --from DIR      from copies in DIR (same file names as shared/data)
 *   tsx scripts/data-update.ts --from-network  from the public sources; fails, naming each source, when one is unreachable
 *   --out DIR                                  write somewhere else than data/
 *   --index-only                               only rebuild the typosquat index from the snapshots in place
 *
 * Snapshots that were rebuilt are written; a source that failed leaves its snapshot as it was and
 * makes the script exit non-zero.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import yauzl from 'yauzl';
import {
  buildMaliciousFromOsv,
  buildMaliciousFromTsv,
  buildNpmHighImpact,
  buildPypiTop,
  buildTyposquats,
} from '../src/community/data/build.ts';
import { type MaliciousSnapshot, SNAPSHOT_FILES, type SnapshotHeader } from '../src/community/data/format.ts';
import { encodeMaliciousTable } from '../src/community/data/malicious-table.ts';
import { SnapshotStore } from '../src/community/data/snapshots.ts';
import { encodeTyposquatIndex, TYPOSQUAT_INDEX_FILE } from '../src/enrich/typosquat.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const today = new Date().toISOString().slice(0, 10);

const URLS = {
  pypiTop: 'https://hugovk.github.io/top-pypi-packages/top-pypi-packages.min.json',
  npmPackument: 'https://registry.npmjs.org/npm-high-impact',
  osvPypi: 'https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip',
  osvNpm: 'https://osv-vulnerabilities.storage.googleapis.com/npm/all.zip',
  typosquats: 'https://raw.githubusercontent.com/ecosyste-ms/typosquatting-dataset/main/typosquats.csv',
};

/** Provenance of the copies in shared/data, as its README records them. */
const SHARED = {
  pypiTop: {
    source: 'hugovk/top-pypi-packages (top-pypi-packages.min.json)',
    sourceUrl: 'https://hugovk.github.io/top-pypi-packages/',
    sourceRevision: 'commit 5501c5c9',
    licence: 'no licence file; cite the project (Zenodo DOI in its README)',
  },
  npmHighImpact: {
    source: 'wooorm/npm-high-impact (data from ecosyste.ms)',
    sourceUrl: 'https://www.npmjs.com/package/npm-high-impact',
    sourceRevision: 'v1.12.0 (commit d6d9652a)',
    sourceDate: '2025-12-24',
    licence: 'MIT',
  },
  malicious: {
    source:
      'OpenSSF malicious-packages (osv/malicious pypi + npm, osv/withdrawn), via the fork khulnasoft-lab/malicious-packages',
    sourceUrl: 'https://github.com/ossf/malicious-packages',
    sourceRevision: 'commit 5b9d30f8',
    sourceDate: '2025-06-04',
    licence: 'Apache-2.0',
  },
  typosquats: {
    source: 'ecosyste-ms/typosquatting-dataset',
    sourceUrl: 'https://github.com/ecosyste-ms/typosquatting-dataset',
    sourceRevision: 'commit fd0bde98',
    sourceDate: 'undated',
    licence: 'CC0-1.0',
  },
} as const;

type Snapshot = SnapshotHeader;

/** The malicious snapshot is the one carrying a records block. */
function isMaliciousSnapshot(snap: Snapshot): snap is MaliciousSnapshot {
  return 'records' in snap && typeof snap.records === 'string';
}
type Job = { key: keyof typeof SNAPSHOT_FILES; build: () => Promise<Snapshot> };

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

async function fetchBytes(url: string, maxBytes = 512 * 1024 * 1024): Promise<Buffer> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(120_000), redirect: 'follow' });
  } catch (cause) {
    const why =
      cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : String(cause);
    throw new Error(`cannot reach ${url}: ${why}`);
  }
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
  const body = Buffer.from(await res.arrayBuffer());
  if (body.length > maxBytes) throw new Error(`${url}: ${body.length} bytes, above the ${maxBytes} limit`);
  return body;
}

/** Minimal ustar reader for the npm tarball of npm-high-impact: regular files only, by name suffix. */
function filesFromTgz(tgz: Buffer, wanted: readonly string[]): Map<string, string> {
  const tar = gunzipSync(tgz, { maxOutputLength: 64 * 1024 * 1024 });
  const out = new Map<string, string>();
  for (let off = 0; off + 512 <= tar.length; ) {
    const header = tar.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const prefix = header.subarray(345, 500).toString('utf8').replace(/\0.*$/s, '');
    const size = Number.parseInt(
      header.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim() || '0',
      8,
    );
    const type = String.fromCharCode(header[156] ?? 0);
    const full = prefix === '' ? name : `${prefix}/${name}`;
    if ((type === '0' || type === '\0') && Number.isFinite(size)) {
      const hit = wanted.find((w) => full.endsWith(`/${w}`));
      if (hit !== undefined) out.set(hit, tar.subarray(off + 512, off + 512 + size).toString('utf8'));
    }
    off += 512 + Math.ceil((Number.isFinite(size) ? size : 0) / 512) * 512;
  }
  return out;
}

/** Every MAL-*.json record of an OSV ecosystem export (a zip of one JSON file per record). */
function osvRecordsFromZip(zip: Buffer): Promise<unknown[]> {
  return new Promise((resolvePromise, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (err, archive) => {
      if (err || archive === undefined) return reject(err ?? new Error('not a zip'));
      const records: unknown[] = [];
      archive.on('entry', (entry: yauzl.Entry) => {
        if (!/^MAL-[^/]+\.json$/.test(entry.fileName) || entry.uncompressedSize > 16 * 1024 * 1024) {
          archive.readEntry();
          return;
        }
        archive.openReadStream(entry, (e2, stream) => {
          if (e2 || stream === undefined) return reject(e2 ?? new Error('unreadable entry'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('error', reject);
          stream.on('end', () => {
            try {
              records.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
            } catch {
              // A broken record is skipped; the export has hundreds of thousands.
            }
            archive.readEntry();
          });
        });
      });
      archive.on('end', () => resolvePromise(records));
      archive.on('error', reject);
      archive.readEntry();
    });
  });
}

function localJobs(from: string): Job[] {
  const gen = { generated: today, generatedFrom: 'shared-copy' as const };
  const text = (f: string): Promise<string> => readFile(join(from, f), 'utf8');
  return [
    {
      key: 'pypiTop',
      build: async () =>
        buildPypiTop(await text('top-pypi-packages.min.json'), { ...SHARED.pypiTop, ...gen }),
    },
    {
      key: 'npmHighImpact',
      build: async () =>
        buildNpmHighImpact(
          await text('npm-high-impact/top-download.js'),
          await text('npm-high-impact/top-dependent.js'),
          { ...SHARED.npmHighImpact, ...gen },
        ),
    },
    {
      key: 'malicious',
      build: async () =>
        buildMaliciousFromTsv(await text('ossf-malicious-pypi-npm.tsv'), { ...SHARED.malicious, ...gen }),
    },
    {
      key: 'typosquats',
      build: async () =>
        buildTyposquats(await text('typosquats-ecosyste-ms.csv'), { ...SHARED.typosquats, ...gen }),
    },
  ];
}

function networkJobs(): Job[] {
  const gen = { generated: today, generatedFrom: 'network' as const };
  return [
    {
      key: 'pypiTop',
      build: async () =>
        buildPypiTop((await fetchBytes(URLS.pypiTop)).toString('utf8'), {
          ...SHARED.pypiTop,
          sourceRevision: `fetched ${today}`,
          ...gen,
        }),
    },
    {
      key: 'npmHighImpact',
      build: async () => {
        const doc = JSON.parse((await fetchBytes(URLS.npmPackument)).toString('utf8')) as {
          'dist-tags'?: { latest?: string };
          versions?: Record<string, { dist?: { tarball?: string } }>;
          time?: Record<string, string>;
        };
        const version = doc['dist-tags']?.latest;
        const tarball = version === undefined ? undefined : doc.versions?.[version]?.dist?.tarball;
        if (version === undefined || tarball === undefined)
          throw new Error(`${URLS.npmPackument}: no latest tarball`);
        const files = filesFromTgz(await fetchBytes(tarball), ['top-download.js', 'top-dependent.js']);
        const dl = files.get('top-download.js');
        const dep = files.get('top-dependent.js');
        if (dl === undefined || dep === undefined)
          throw new Error(`${tarball}: lists not found in the package`);
        return buildNpmHighImpact(dl, dep, {
          ...SHARED.npmHighImpact,
          sourceRevision: `v${version}`,
          sourceDate: doc.time?.[version]?.slice(0, 10) ?? 'undated',
          ...gen,
        });
      },
    },
    {
      key: 'malicious',
      build: async () => {
        const records = [
          ...(await osvRecordsFromZip(await fetchBytes(URLS.osvPypi))),
          ...(await osvRecordsFromZip(await fetchBytes(URLS.osvNpm))),
        ];
        return buildMaliciousFromOsv(records, {
          ...SHARED.malicious,
          source: 'OpenSSF malicious-packages, as published in the OSV.dev ecosystem exports',
          sourceUrl: 'https://osv.dev/',
          sourceRevision: `OSV export fetched ${today}`,
          sourceDate: today,
          ...gen,
        });
      },
    },
    {
      key: 'typosquats',
      build: async () =>
        buildTyposquats((await fetchBytes(URLS.typosquats)).toString('utf8'), {
          ...SHARED.typosquats,
          sourceRevision: `main, fetched ${today}`,
          ...gen,
        }),
    },
  ];
}

async function writeSnapshot(
  outDir: string,
  key: keyof typeof SNAPSHOT_FILES,
  snap: Snapshot,
): Promise<string> {
  const file = SNAPSHOT_FILES[key];
  const json = Buffer.from(JSON.stringify(snap));
  // Node writes gzip headers with mtime 0, so the same data gives the same bytes. The malicious records are a
  // sorted table that scans search in place (src/community/data/malicious-table.ts).
  const bytes =
    key === 'malicious' && isMaliciousSnapshot(snap)
      ? encodeMaliciousTable(snap)
      : file.endsWith('.gz')
        ? gzipSync(json, { level: 9 })
        : json;
  await writeFile(join(outDir, file), bytes);
  const sha = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  return `${file}: ${snap.rows} rows, ${bytes.length} bytes, source date ${snap.sourceDate}, sha256 ${sha}…`;
}

/** The typosquat name index, derived from the ranking snapshots now in `outDir` (scans load it, never build it). */
async function writeTyposquatIndex(outDir: string): Promise<string> {
  const bytes = encodeTyposquatIndex(new SnapshotStore(outDir));
  await writeFile(join(outDir, TYPOSQUAT_INDEX_FILE), bytes);
  const sha = createHash('sha256').update(bytes).digest('hex').slice(0, 16);
  return `${TYPOSQUAT_INDEX_FILE}: ${bytes.length} bytes, sha256 ${sha}…`;
}

async function main(): Promise<number> {
  const outDir = resolve(arg('--out') ?? join(ROOT, 'data'));
  if (process.argv.includes('--index-only')) {
    console.log(`  ${await writeTyposquatIndex(outDir)}`);
    return 0;
  }
  const network = process.argv.includes('--from-network');
  const from = resolve(arg('--from') ?? join(ROOT, '..', 'shared', 'data'));
  await mkdir(outDir, { recursive: true });
  const jobs = network ? networkJobs() : localJobs(from);
  console.log(
    network ? 'Refreshing data snapshots from the public sources' : `Rebuilding data snapshots from ${from}`,
  );
  const failures: string[] = [];
  for (const job of jobs) {
    try {
      console.log(`  ${await writeSnapshot(outDir, job.key, await job.build())}`);
    } catch (error) {
      failures.push(`${SNAPSHOT_FILES[job.key]}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  try {
    console.log(`  ${await writeTyposquatIndex(outDir)}`);
  } catch (error) {
    failures.push(`${TYPOSQUAT_INDEX_FILE}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (failures.length > 0) {
    console.error(`Not refreshed (the previous snapshot is kept):\n  ${failures.join('\n  ')}`);
    if (network) console.error('Run without --from-network to rebuild from the shared copies.');
    return 1;
  }
  return 0;
}

process.exitCode = await main();
