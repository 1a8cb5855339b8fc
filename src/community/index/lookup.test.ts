import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runScan, type ScanCommandOptions } from '../../cli/commands/scan.ts';
import { memoryIo } from '../../cli/io.ts';
import type { Report } from '../../report/model.ts';
import { communityFacts, prevalenceLookup } from './lookup.ts';
import {
  exportSnapshot,
  formatSnapshot,
  loadShippedSnapshot,
  parseSnapshot,
  snapshotCounts,
} from './snapshot.ts';
import { openCommunityStore } from './sqlite.ts';
import { writeNpmTarball } from './testing/archives.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'prevalence');

describe('prevalence lookup', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'assay-lookup-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the shipped snapshot: counts, bands, zero for known ids, null for unknown ones', () => {
    const lookup = prevalenceLookup('npm', { env: {}, db: join(dir, 'absent.db'), snapshotDir: FIXTURES });
    assert.deepEqual(lookup.index, {
      name: 'test-prevalence-npm (npm: 1,000 test packages written for the unit tests)',
      ecosystem: 'npm',
      packages: { top100: 100, top1k: 1000, top10k: 1000, community: 1000 },
      built: '2026-01-02',
      analyzerVersion: '0.0.1+c.fixture',
    });
    assert.deepEqual(lookup.prevalenceOf('behavior', 'executes-process'), {
      top100: 12,
      top1k: 95,
      top10k: 95,
      community: 95,
      packages: { top100: 100, top1k: 1000, top10k: 1000, community: 1000 },
      covered: { top100: true, top1k: true, top10k: false, community: true },
      band: 'uncommon',
    });
    assert.equal(lookup.prevalenceOf('behavior', 'no-source-repository')?.band, 'common');
    assert.deepEqual(lookup.prevalenceOf('behavior', 'reads-environment-variables'), {
      top100: 0,
      top1k: 0,
      top10k: 0,
      community: 0,
      packages: { top100: 100, top1k: 1000, top10k: 1000, community: 1000 },
      covered: { top100: true, top1k: true, top10k: false, community: true },
      band: 'rare',
    });
    assert.equal(lookup.prevalenceOf('behavior', 'added-after-the-snapshot'), null);
    assert.equal(lookup.prevalenceOf('issue', 'executes-process'), null, 'kinds are kept apart');
  });

  it('answers dependents from the snapshot: a count for listed names, "fewer than 2" for the rest', () => {
    const withEdges = join(dir, 'with-edges');
    mkdirSync(withEdges, { recursive: true });
    const snapshot = JSON.parse(readFileSync(join(FIXTURES, 'npm.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(
      join(withEdges, 'npm.json'),
      JSON.stringify({ ...snapshot, dependents: { debug: 310, ms: 2 } }),
    );
    const lookup = prevalenceLookup('npm', { env: {}, db: join(dir, 'absent.db'), snapshotDir: withEdges });
    assert.deepEqual(lookup.dependentsOf?.('debug'), { count: 310 });
    assert.deepEqual(lookup.dependentsOf?.('left-alone'), { count: 0, below: 2 });
    assert.deepEqual(lookup.dependentsOf?.('constructor'), { count: 0, below: 2 }, 'own keys only');
    const without = prevalenceLookup('npm', { env: {}, db: join(dir, 'absent.db'), snapshotDir: FIXTURES });
    assert.equal(without.dependentsOf, null, 'a snapshot without edges says nothing about dependents');
  });

  it('says nothing rather than zero when no snapshot ships for the ecosystem', () => {
    const lookup = prevalenceLookup('pypi', { env: {}, db: join(dir, 'absent.db'), snapshotDir: FIXTURES });
    assert.equal(lookup.index, null);
    assert.equal(lookup.prevalenceOf('behavior', 'executes-process'), null);
  });

  it("prefers the user's own index when it holds packages of the ecosystem", async () => {
    const db = join(dir, 'own.db');
    const store = openCommunityStore(db);
    store.recordCatalog('9.9.9', { behavior: ['executes-process', 'only-here'], issue: [] });
    store.recordScan({
      ecosystem: 'npm',
      name: 'mine',
      version: '1.0.0',
      artifact: { sha256: 'b'.repeat(64), filename: 'mine.tgz', size: 1, format: 'tar.gz', origin: 'test' },
      analyzerVersion: '9.9.9',
      scannedAt: '2026-03-01T00:00:00.000Z',
      complete: true,
      durationMs: 1,
      findings: [{ kind: 'behavior', id: 'executes-process', count: 1 }],
      dependencies: [{ name: 'left-pad', kind: 'runtime', specifier: '^1' }],
      popularity: [{ source: 'own', rank: 3, date: '2026-03-01' }],
    });
    store.refresh('npm');
    store.close();

    const lookup = prevalenceLookup('npm', { env: { ASSAY_DB: db }, snapshotDir: FIXTURES });
    assert.equal(lookup.index?.name, `local community index (${db})`);
    assert.equal(lookup.index?.analyzerVersion, '9.9.9');
    // One indexed package: figures with their denominators, and no band (too few packages to rate).
    assert.deepEqual(lookup.prevalenceOf('behavior', 'executes-process'), {
      top100: 1,
      top1k: 1,
      top10k: 1,
      community: 1,
      packages: { top100: 1, top1k: 1, top10k: 1, community: 1 },
      covered: { top100: false, top1k: false, top10k: false, community: false },
      band: 'unrated',
    });
    assert.equal(lookup.prevalenceOf('behavior', 'no-source-repository'), null, 'unknown to this index');
    assert.deepEqual(lookup.dependentsOf?.('left-pad'), { count: 1 });
    assert.deepEqual(lookup.dependentsOf?.('right-pad'), { count: 0 });
    // PyPI has nothing in that index, so the (absent) shipped snapshot decides.
    assert.equal(prevalenceLookup('pypi', { env: { ASSAY_DB: db }, snapshotDir: FIXTURES }).index, null);

    const facts = communityFacts({ db, env: {} });
    assert.equal(facts.dependentsCount('npm', 'left-pad'), 1);
    assert.equal(facts.rankOf('npm', 'mine')?.rank, 3);
    assert.equal(facts.dependentsCount('pypi', 'requests'), null, 'no PyPI data: unknown, not zero');
    assert.equal(communityFacts({ db: join(dir, 'none.db'), env: {} }).rankOf('npm', 'mine'), null);
  });

  it('exports a compact snapshot that parses back to the same figures', async () => {
    const store = openCommunityStore(':memory:');
    store.recordCatalog('1.0.0+c.x', { behavior: ['a-behavior', 'b-behavior'], issue: ['an-issue'] });
    for (const [name, rank] of [
      ['p1', 1],
      ['p2', 600],
    ] as const) {
      store.recordScan({
        ecosystem: 'pypi',
        name,
        version: '1.0',
        artifact: {
          sha256: name.padEnd(64, '0'),
          filename: `${name}.whl`,
          size: 1,
          format: 'zip',
          origin: 't',
        },
        analyzerVersion: '1.0.0+c.x',
        scannedAt: '2026-01-01T00:00:00.000Z',
        complete: true,
        durationMs: 1,
        findings: [{ kind: 'behavior', id: 'a-behavior', count: 3 }],
        dependencies: [
          { name: 'shared', kind: 'runtime', specifier: '>=1' },
          { name: `only-${name}`, kind: 'runtime', specifier: '>=1' },
        ],
        popularity: [{ source: 's', rank, date: '2026-01-01' }],
      });
    }
    const snapshot = await exportSnapshot(store, 'pypi', {
      name: 'assay-prevalence-pypi',
      corpus: 'PyPI: 2 test projects',
      popularitySource: 's',
      built: '2026-05-05',
    });
    store.close();
    assert.deepEqual(snapshot.packages, { top100: 1, top1k: 2, top10k: 2, community: 2 });
    assert.deepEqual(snapshot.known, { behavior: ['a-behavior', 'b-behavior'], issue: ['an-issue'] });
    assert.deepEqual(snapshot.counts, { behavior: { 'a-behavior': [1, 2, 2, 2] }, issue: {} });
    // Dependents by name, for names at least two indexed packages depend on.
    assert.deepEqual(snapshot.dependents, { shared: 2 });
    const text = formatSnapshot(snapshot);
    assert.deepEqual(parseSnapshot(text, 'test'), snapshot);
    assert.match(text, /\n {6}"a-behavior": \[1,2,2,2\]\n/);
    assert.deepEqual(snapshotCounts(snapshot, 'behavior', 'b-behavior'), {
      top100: 0,
      top1k: 0,
      top10k: 0,
      community: 0,
    });
    assert.equal(snapshotCounts(snapshot, 'issue', 'unknown'), null);
    assert.throws(() => parseSnapshot('{"format": 2}', 'x'), { code: 'E_CONFIG' });
    assert.throws(() => parseSnapshot('not json', 'x'), { code: 'E_CONFIG' });
    // Each part the hand-written checks cover refuses a damaged value.
    const damaged: [string, (copy: Record<string, unknown>) => void][] = [
      ['a count row of three', (c) => ((c['counts'] as { behavior: unknown }).behavior = { a: [1, 2, 3] })],
      ['a negative count', (c) => ((c['counts'] as { behavior: unknown }).behavior = { a: [1, -2, 3, 4] })],
      ['a fractional count', (c) => ((c['counts'] as { issue: unknown }).issue = { a: [1, 2, 3.5, 4] })],
      ['counts as a list', (c) => ((c['counts'] as { issue: unknown }).issue = [[1, 2, 3, 4]])],
      ['a dependents count of zero', (c) => (c['dependents'] = { shared: 0 })],
      ['a dependents count as text', (c) => (c['dependents'] = { shared: '2' })],
      ['an empty id', (c) => ((c['known'] as { issue: unknown }).issue = [''])],
      ['an id of 201 characters', (c) => ((c['known'] as { issue: unknown }).issue = ['x'.repeat(201)])],
    ];
    for (const [label, damage] of damaged) {
      const copy = JSON.parse(text) as Record<string, unknown>;
      damage(copy);
      assert.throws(() => parseSnapshot(JSON.stringify(copy), 'x'), { code: 'E_CONFIG' }, label);
    }
  });

  it('ships a snapshot for each ecosystem, made by assay, whose counts only use known ids', () => {
    for (const ecosystem of ['npm', 'pypi'] as const) {
      const snapshot = loadShippedSnapshot(ecosystem);
      assert.ok(snapshot, `data/prevalence/${ecosystem}.json loads`);
      assert.equal(snapshot.ecosystem, ecosystem);
      assert.ok(snapshot.packages.top100 > 0 && snapshot.packages.top1k >= snapshot.packages.top100);
      assert.ok(snapshot.packages.community >= snapshot.packages.top10k);
      assert.match(snapshot.analyzerVersion, /^\d+\.\d+\.\d+.*\+c\.[0-9a-f]{8}$/);
      for (const kind of ['behavior', 'issue'] as const) {
        for (const [id, row] of Object.entries(snapshot.counts[kind])) {
          assert.ok(snapshot.known[kind].includes(id), `${id} is known`);
          assert.ok(row[0] <= row[1] && row[1] <= row[2] && row[2] <= row[3], `${id}: tiers are cumulative`);
          assert.ok(row[3] <= snapshot.packages.community);
        }
      }
    }
    assert.match(loadShippedSnapshot('pypi')?.corpus ?? '', /packaged by Debian 12 \(python3-\*\)/);
  });

  it('loads the fixture snapshot from a directory and returns null where none ships', () => {
    assert.equal(loadShippedSnapshot('npm', FIXTURES)?.name, 'test-prevalence-npm');
    assert.equal(loadShippedSnapshot('pypi', FIXTURES), null);
  });
});

describe('scan report wiring', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'assay-scan-prevalence-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const options = (format: 'json' | 'text'): ScanCommandOptions => ({
    format,
    failOn: 'never',
    maxEvidence: 1,
    artifact: 'auto',
    workers: 0,
  });
  const env = () => ({ ASSAY_DB: join(dir, 'absent.db'), ASSAY_PREVALENCE_DIR: FIXTURES, HOME: dir });

  it('puts prevalence on each behavior and issue, and names the index, in JSON', async () => {
    const tarball = writeNpmTarball(dir, 'demo-spawn', '1.0.0', true);
    const io = memoryIo(env());
    assert.equal(await runScan(tarball, options('json'), io), 0);
    const report = JSON.parse(io.out.join('')) as Report;
    const behavior = report.behaviors.find((b) => b.id === 'executes-process');
    assert.deepEqual(behavior?.prevalence, {
      top100: 12,
      top1k: 95,
      top10k: 95,
      community: 95,
      packages: { top100: 100, top1k: 1000, top10k: 1000, community: 1000 },
      covered: { top100: true, top1k: true, top10k: false, community: true },
      band: 'uncommon',
    });
    const issue = report.issues.find((i) => i.id === 'missing-source-repository');
    assert.equal(issue?.prevalence?.band, 'common');
    // Ids the test snapshot does not know show no information.
    const shell = report.behaviors.find((b) => b.id === 'executes-shell-command');
    assert.equal(shell?.prevalence, null);
    assert.equal(report.data.prevalenceIndex?.name.startsWith('test-prevalence-npm'), true);
    assert.deepEqual(report.data.prevalenceIndex?.packages, {
      top100: 100,
      top1k: 1000,
      top10k: 1000,
      community: 1000,
    });
  });

  it('prints the figures and the snapshot name in the text report', async () => {
    const tarball = writeNpmTarball(dir, 'demo-text', '1.0.0', true);
    const io = memoryIo(env());
    await runScan(tarball, options('text'), io);
    const text = io.out.join('');
    assert.match(
      text,
      /12 of 100 in Top 100 · 95 of 1,000 in Top 1k · Top 10k not covered \(1,000 of its 10,000 indexed\) · 95 of 1,000 in community/,
    );
    assert.match(text, /Prevalence: test-prevalence-npm \(npm: 1,000 test packages/);
    assert.match(text, /No behavior prevalence information at this time/);
  });
});
