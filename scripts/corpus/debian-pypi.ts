// Builds the benign PyPI side of the evaluation: the most-downloaded PyPI projects that Debian ships as
// python3-* packages, repacked as wheel-like zips (the project's dist-info/egg-info plus its top-level
// modules, as Debian installed them). PyPI itself is unreachable here; Debian's packages are real project code.
//
//   npm run corpus:debian -- --count 250 --out ~/.cache/assay/corpus/pypi-debian
//   npm run corpus:debian -- --all --out ~/.cache/assay/corpus/pypi-debian-all
//
// --all takes every python3-* binary package already downloaded into ~/.cache/assay/debian-debs (fetch them
// with `apt-get download`), one archive per PyPI project found inside (its dist-info/egg-info), ranked by the
// top-PyPI snapshot where it knows the project and unranked otherwise: the community index's PyPI side "as
// packaged by Debian".
//
// Source ranking: the top-PyPI snapshot (shared/data/top-pypi-packages.min.json). Nothing is installed:
// .deb files are unpacked with dpkg-deb -x into a temporary folder, and zipped with Python's zipfile CLI.
import { execFile, execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '250' },
    all: { type: 'boolean', default: false },
    out: { type: 'string', default: join(homedir(), '.cache', 'assay', 'corpus', 'pypi-debian') },
    ranking: {
      type: 'string',
      default: resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data', 'top-pypi-packages.min.json'),
    },
  },
});
const wanted = Number(values.count);
const outDir = resolve(values.out);
const debCache = join(homedir(), '.cache', 'assay', 'debian-debs');
mkdirSync(outDir, { recursive: true });
mkdirSync(debCache, { recursive: true });

const normalize = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');
const ranking = (JSON.parse(readFileSync(values.ranking, 'utf8')) as { rows: { project: string }[] }).rows;
const available = new Set(
  execFileSync('apt-cache', ['pkgnames', 'python3-'], { encoding: 'utf8' }).split('\n'),
);

// Debian's python3-<name> usually drops a 'python-' prefix or a 'py' prefix of the PyPI name.
function debianName(project: string): string | undefined {
  const n = normalize(project);
  const candidates = [
    `python3-${n}`,
    `python3-${n.replace(/^python-/, '')}`,
    `python3-${n.replace(/-py$/, '')}`,
    `python3-${n.replace(/^py/, '')}`,
  ];
  return candidates.find((candidate) => available.has(candidate));
}

const rankOf = new Map<string, number>();
ranking.forEach((row, i) => {
  if (!rankOf.has(normalize(row.project))) rankOf.set(normalize(row.project), i + 1);
});

/** Name and version from a METADATA / PKG-INFO text. */
function headerField(text: string, field: string): string | undefined {
  const found = new RegExp(`^${field}:\\s*(.+)$`, 'mi').exec(text);
  return found?.[1]?.trim();
}

/** The top-level modules an installed project owns: top_level.txt, else its name as a module. */
function topLevels(site: string, info: string, project: string, entries: readonly string[]): string[] {
  const listed = join(site, info, 'top_level.txt');
  if (existsSync(listed)) {
    const tops = readFileSync(listed, 'utf8')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    if (tops.length > 0) return tops;
  }
  const guess = normalize(project)
    .replace(/-/g, '_')
    .replace(/^python_/, '');
  return entries
    .filter((e) => e.toLowerCase() === guess || e.toLowerCase() === `${guess}.py`)
    .map((e) => e.replace(/\.py$/, ''));
}

/** Zips `members` (paths relative to `cwd`) fast: deflate level 1, one Python process per archive. */
const ZIP_SCRIPT = [
  'import os, sys, zipfile',
  'out, members = sys.argv[1], sys.argv[2:]',
  'with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:',
  '    for m in members:',
  '        if os.path.isdir(m):',
  '            for root, dirs, files in os.walk(m):',
  '                dirs.sort()',
  '                for f in sorted(files):',
  '                    p = os.path.join(root, f)',
  // Debian links some files to /usr/share (absent in a bare unpack): a dangling link is left out.
  '                    if os.path.isfile(p): z.write(p)',
  '        elif os.path.isfile(m): z.write(m)',
].join('\n');

interface Built {
  readonly rank: number | undefined;
  readonly project: string;
  readonly deb: string;
  readonly wheel: string;
}

/** Every project inside one Debian package, as wheel-like archives (duplicates of `seen` skipped). */
async function projectsOf(debFile: string, seen: Set<string>): Promise<Built[]> {
  const deb = debFile.replace(/_.*$/, '');
  const work = mkdtempSync(join(tmpdir(), 'assay-deb-'));
  const built: Built[] = [];
  try {
    await run('dpkg-deb', ['-x', join(debCache, debFile), work]);
    const site = join(work, 'usr', 'lib', 'python3', 'dist-packages');
    if (!existsSync(site)) return built;
    const entries = readdirSync(site);
    for (const info of entries.filter((e) => /\.(dist-info|egg-info)$/.test(e))) {
      const infoPath = join(site, info);
      const headerFile = statSync(infoPath).isDirectory()
        ? [join(infoPath, 'METADATA'), join(infoPath, 'PKG-INFO')].find((f) => existsSync(f))
        : infoPath;
      if (headerFile === undefined) continue;
      const header = readFileSync(headerFile, 'utf8');
      const project = headerField(header, 'Name');
      const version = headerField(header, 'Version') ?? '0';
      if (project === undefined || !/^[A-Za-z0-9._-]+$/.test(project)) continue;
      const key = normalize(project);
      // Claimed before the await below, so a parallel task never writes the same project twice.
      if (seen.has(key)) continue;
      seen.add(key);
      const tops = topLevels(site, info, project, entries);
      const members = [
        info,
        ...entries.filter(
          (e) => e !== info && tops.some((t) => e === t || e === `${t}.py` || e.startsWith(`${t}.`)),
        ),
      ];
      if (members.length < 2) continue;
      const safeVersion = version.replace(/[^A-Za-z0-9.+!]/g, '_');
      const wheel = join(outDir, `${key.replace(/-/g, '_')}-${safeVersion}-py3-none-any.whl`);
      rmSync(wheel, { force: true });
      await run('/usr/bin/python3', ['-c', ZIP_SCRIPT, wheel, ...members], site);
      built.push({ rank: rankOf.get(key), project, deb, wheel });
    }
  } catch (error) {
    process.stderr.write(
      `skip ${deb}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return built;
}

function run(command: string, args: readonly string[], cwd?: string): Promise<void> {
  return new Promise((done, fail) => {
    execFile(
      command,
      args,
      { ...(cwd === undefined ? {} : { cwd }), maxBuffer: 16 * 1024 * 1024 },
      (error) => (error ? fail(error) : done()),
    );
  });
}

/** CORPUS_DEBS=python3-a,python3-b: only these Debian packages (to redo a few after a failure). */
const only =
  process.env['CORPUS_DEBS'] === undefined ? undefined : new Set(process.env['CORPUS_DEBS'].split(','));

/** --all: one archive per project in every downloaded python3-* package, CORPUS_JOBS packages at a time (default 4). */
async function buildAll(): Promise<void> {
  const debs = readdirSync(debCache)
    .filter((f) => f.startsWith('python3-') && f.endsWith('.deb') && !/-dbg_/.test(f))
    .filter((f) => only === undefined || only.has(f.replace(/_.*$/, '')))
    .sort();
  const seen = new Set<string>();
  const results: Built[][] = new Array(debs.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < debs.length; i = next++) {
      results[i] = await projectsOf(debs[i] as string, seen);
      if (i % 200 === 0) process.stderr.write(`${i}/${debs.length}\n`);
    }
  };
  await Promise.all(Array.from({ length: Number(process.env['CORPUS_JOBS'] ?? 4) }, worker));
  const built = results.flat();
  const manifest = [
    'rank\tproject\tdebian_package\twheel',
    ...built.map((b) => `${b.rank ?? '-'}\t${b.project}\t${b.deb}\t${b.wheel}`),
  ];
  // A partial run (CORPUS_DEBS) adds its rows to the manifest of the full run.
  const manifestPath = join(outDir, 'MANIFEST.tsv');
  if (only !== undefined && existsSync(manifestPath)) {
    const previous = readFileSync(manifestPath, 'utf8').trim().split('\n');
    const fresh = new Set(built.map((b) => b.wheel));
    manifest.splice(1, 0, ...previous.slice(1).filter((line) => !fresh.has(line.split('\t').at(-1) ?? '')));
  }
  writeFileSync(manifestPath, `${manifest.join('\n')}\n`);
  const ranked = built.filter((b) => b.rank !== undefined).length;
  process.stdout.write(
    `built ${built.length} wheel-like archives from ${debs.length} Debian packages in ${outDir} ` +
      `(${ranked} ranked by ${values.ranking})\n`,
  );
}

if (values.all) {
  await buildAll();
  process.exit(0);
}

const chosen: { project: string; deb: string; rank: number }[] = [];
for (const [rank, row] of ranking.entries()) {
  if (chosen.length >= wanted * 1.4) break;
  const deb = debianName(row.project);
  if (deb && !chosen.some((c) => c.deb === deb)) chosen.push({ project: row.project, deb, rank: rank + 1 });
}

// One apt-get call per batch: far faster than one per package.
const missing = chosen.filter((c) => !readdirSync(debCache).some((f) => f.startsWith(`${c.deb}_`)));
for (let i = 0; i < missing.length; i += 40) {
  const batch = missing.slice(i, i + 40).map((c) => c.deb);
  try {
    execFileSync('apt-get', ['download', ...batch], { cwd: debCache, stdio: 'ignore' });
  } catch {
    for (const deb of batch) {
      try {
        execFileSync('apt-get', ['download', deb], { cwd: debCache, stdio: 'ignore' });
      } catch {
        process.stderr.write(`skip ${deb}: apt-get download failed\n`);
      }
    }
  }
}

let built = 0;
const manifest: string[] = ['rank\tproject\tdebian_package\twheel'];
for (const { project, deb, rank } of chosen) {
  if (built >= wanted) break;
  const debFile = readdirSync(debCache).find((f) => f.startsWith(`${deb}_`) && f.endsWith('.deb'));
  if (!debFile) continue;
  const work = mkdtempSync(join(tmpdir(), 'assay-deb-'));
  try {
    execFileSync('dpkg-deb', ['-x', join(debCache, debFile), work]);
    const site = join(work, 'usr', 'lib', 'python3', 'dist-packages');
    if (!existsSync(site)) continue;
    const entries = readdirSync(site);
    const info = entries.find(
      (e) =>
        /\.(dist-info|egg-info)$/.test(e) &&
        normalize(e.replace(/-\d.*$|\.(dist|egg)-info$/, '')) === normalize(project),
    );
    if (!info) continue;
    const version = /-(\d[^-]*?)(?:\.dist-info|\.egg-info|-py\d)/.exec(info)?.[1] ?? '0';
    const infoPath = join(site, info);
    let tops: string[] = [];
    const topLevel = join(infoPath, 'top_level.txt');
    if (statSync(infoPath).isDirectory() && existsSync(topLevel)) {
      tops = readFileSync(topLevel, 'utf8')
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
    }
    if (tops.length === 0) {
      const guess = normalize(project)
        .replace(/-/g, '_')
        .replace(/^python_/, '');
      tops = entries.filter((e) => e === guess || e === `${guess}.py` || e.toLowerCase() === guess);
    }
    const members = [
      info,
      ...entries.filter(
        (e) => tops.some((t) => e === t || e === `${t}.py` || e.startsWith(`${t}.`)) && e !== info,
      ),
    ];
    if (members.length < 2) continue;
    const wheel = join(outDir, `${normalize(project).replace(/-/g, '_')}-${version}-py3-none-any.whl`);
    rmSync(wheel, { force: true });
    execFileSync('python3', ['-m', 'zipfile', '-c', wheel, ...members], { cwd: site });
    manifest.push(`${rank}\t${project}\t${deb}\t${wheel}`);
    built += 1;
  } catch (error) {
    process.stderr.write(
      `skip ${deb}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
writeFileSync(join(outDir, 'MANIFEST.tsv'), `${manifest.join('\n')}\n`);
process.stdout.write(`built ${built} wheel-like archives in ${outDir}\n`);
