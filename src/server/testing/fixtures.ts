/**
 * A small community index and report archive for the server's tests, browser tests and benchmark,
 * with hostile strings where attackers put them: package names, versions, file names, snippets, URLs.
 */
import { openCommunityStore, type SqliteCommunityStore } from '../../community/index/sqlite.ts';
import type { IndexEntry } from '../../community/index/types.ts';
import type { Ecosystem } from '../../metadata/types.ts';
import type { Report } from '../../report/model.ts';
import { defaultCatalog } from '../../scan/scan.ts';
import type { AppDeps } from '../app.ts';
import { SnapshotPrevalence } from '../data/snapshot-source.ts';
import { SqliteSiteIndex } from '../data/sqlite-index.ts';
import { ReportArchive } from '../reports.ts';
import { ScanRunner } from '../scans/runner.ts';
import type { Scanner } from '../scans/scan-report.ts';

export const HOSTILE_NAME = '<script>alert(1)</script>';
export const HOSTILE_SNIPPET = '</pre><img src=x onerror=alert(1)>';
export const HOSTILE_FILE = 'lib/\u001b[31mevil\u0007\r\nname.js';
export const HOSTILE_URL = 'javascript:alert(document.cookie)';
export const BEHAVIOR = 'executes-process';
export const ISSUE = 'install-time-process-execution';
export const ANALYZER = 'test+c.fixture';

const catalogIds = {
  behavior: defaultCatalog.behaviors.map((b) => b.id),
  issue: defaultCatalog.policies.map((p) => p.id),
};

function sha(seed: string): string {
  let out = '';
  for (let i = 0; out.length < 64; i++) out += ((seed.charCodeAt(i % seed.length) + i) % 16).toString(16);
  return out;
}

export function indexEntry(
  ecosystem: Ecosystem,
  name: string,
  version: string,
  findings: IndexEntry['findings'],
  rank: number | null,
  scannedAt = '2026-12-01T00:00:00.000Z',
  dependencies: IndexEntry['dependencies'] = [],
): IndexEntry {
  return {
    ecosystem,
    name,
    version,
    artifact: {
      sha256: sha(`${ecosystem}/${name}@${version}`),
      filename: `${name}-${version}.tgz`,
      size: 1234,
      format: 'tgz',
      origin: 'test',
    },
    analyzerVersion: ANALYZER,
    scannedAt,
    complete: true,
    durationMs: 5,
    findings,
    dependencies,
    popularity: rank === null ? [] : [{ source: 'test ranking', rank, date: '2026-12-01' }],
  };
}

/** A full report of `name@version` that executes a process at install time (a failing verdict). */
export function fixtureReport(
  ecosystem: Ecosystem,
  name: string,
  version: string,
  file = 'install.js',
): Report {
  const behavior = defaultCatalog.behaviors.find((b) => b.id === BEHAVIOR)!;
  const policy = defaultCatalog.policies.find((p) => p.id === ISSUE)!;
  return {
    schemaVersion: '1.0.0',
    tool: { name: 'assay', version: '0.1.0' },
    generatedAt: '2026-12-01T00:00:00.000Z',
    target: {
      ecosystem,
      name,
      version,
      artifact: { file: `${name}-${version}.tgz`, sha256: sha(name + version), size: 2048, format: 'tar.gz' },
    },
    verdict: { level: 'fail', reasons: [{ issue: ISSUE, severity: 'high', title: policy.title }] },
    issues: [
      {
        id: ISSUE,
        title: policy.title,
        category: policy.category,
        severity: 'high',
        riskLabel: policy.riskLabel,
        problem: policy.problem,
        nextSteps: policy.nextSteps,
        detail: `runs ${HOSTILE_SNIPPET} during install`,
        references: policy.references,
        evidence: [{ behavior: BEHAVIOR, file, line: 3, column: 1, snippet: HOSTILE_SNIPPET }],
        prevalence: {
          top100: 1,
          top1k: 2,
          top10k: 2,
          community: 3,
          packages: { top100: 2, top1k: 3, top10k: 3, community: 3 },
          covered: { top100: false, top1k: false, top10k: false, community: false },
          band: 'uncommon',
        },
      },
    ],
    behaviors: [
      {
        id: BEHAVIOR,
        title: behavior.title,
        category: behavior.category,
        severity: behavior.severity,
        count: 2,
        occurrences: [
          { file, line: 3, column: 1, snippet: HOSTILE_SNIPPET, detail: 'child_process.exec' },
          { file: 'package.json', field: 'scripts.install', snippet: 'node install.js' },
        ],
        prevalence: {
          top100: 1,
          top1k: 2,
          top10k: 2,
          community: 3,
          packages: { top100: 2, top1k: 3, top10k: 3, community: 3 },
          covered: { top100: false, top1k: false, top10k: false, community: false },
          band: 'uncommon',
        },
      },
    ],
    vulnerabilities: [],
    completeness: { complete: true, limitHits: [], analysisProblems: [], detectorErrors: [] },
    metadata: { sources: [], conflicts: [], dependencies: 1 },
    data: {
      prevalenceIndex: {
        name: 'test index',
        ecosystem,
        packages: { top100: 2, top1k: 3, top10k: 3, community: 4 },
        built: '2026-12-01',
        analyzerVersion: ANALYZER,
      },
      vulnerabilityDatabase: null,
      snapshots: [],
    },
    components: [
      {
        purl: `pkg:${ecosystem}/${encodeURIComponent(name)}@${version}`,
        ecosystem,
        name,
        version,
        versionKind: 'resolved',
        source: 'registry',
        dev: false,
        direct: true,
        role: 'target',
        declaredIn: { file: 'package.json' },
        popularity: { status: 'unknown', coveredDownTo: 'top 1000', source: 'test' },
        registry: 'checked',
        issues: [],
      },
      {
        purl: 'pkg:npm/left-pad@1.3.0',
        ecosystem: 'npm',
        name: 'left-pad',
        version: '1.3.0',
        versionKind: 'resolved',
        source: 'url',
        url: HOSTILE_URL,
        dev: false,
        direct: true,
        role: 'dependency',
        declaredIn: { file: 'package.json', line: 4 },
        popularity: { status: 'known', tier: 'top1k', rank: 500, source: 'test' },
        registry: 'checked',
        issues: [],
      },
    ],
    stats: { files: 3, bytes: 2048, sourceFiles: 2, durationMs: 12 },
  };
}

export interface Fixture {
  readonly store: SqliteCommunityStore;
  readonly reports: ReportArchive;
  readonly deps: AppDeps;
  readonly scanned: string[];
}

/**
 * The fixture index: `express` (ranked, two versions, the newer with a full report), `left-pad`,
 * the hostile package (full report with hostile evidence) and a PyPI project.
 */
export function fixture(options: { scanner?: Scanner; scans?: boolean } = {}): Fixture {
  const store = openCommunityStore(':memory:');
  store.recordCatalog(ANALYZER, catalogIds);
  const proc = [
    { kind: 'behavior' as const, id: BEHAVIOR, count: 2 },
    { kind: 'issue' as const, id: ISSUE, count: 1 },
  ];
  store.recordScan(
    indexEntry(
      'npm',
      'express',
      '4.21.0',
      [{ kind: 'behavior', id: BEHAVIOR, count: 1 }],
      5,
      '2026-11-01T00:00:00.000Z',
    ),
  );
  store.recordScan(
    indexEntry('npm', 'express', '5.0.0', proc, 5, '2026-12-02T00:00:00.000Z', [
      { name: 'left-pad', kind: 'runtime', specifier: '^1.3.0' },
    ]),
  );
  store.recordScan(indexEntry('npm', 'left-pad', '1.3.0', [], 80, '2026-12-03T00:00:00.000Z'));
  store.recordScan(indexEntry('npm', HOSTILE_NAME, '1.0.0', proc, null, '2026-12-04T00:00:00.000Z'));
  store.recordScan(
    indexEntry('pypi', 'requests', '2.32.3', [{ kind: 'behavior', id: BEHAVIOR, count: 1 }], 3),
  );
  store.refresh('npm');
  store.refresh('pypi');
  const reports = new ReportArchive();
  reports.put(fixtureReport('npm', 'express', '5.0.0'));
  reports.put(fixtureReport('npm', HOSTILE_NAME, '1.0.0', HOSTILE_FILE));
  const scanned: string[] = [];
  const scanner: Scanner =
    options.scanner ??
    (async (request) => {
      const label = request.kind === 'registry' ? request.target : request.filename;
      scanned.push(label);
      return fixtureReport('npm', 'scanned-pkg', String(scanned.length));
    });
  const runner =
    options.scans === false ? null : new ScanRunner({ scanner, onReport: (report) => reports.put(report) });
  const index = new SqliteSiteIndex(store, new SnapshotPrevalence());
  return {
    store,
    reports,
    scanned,
    deps: {
      index,
      reports,
      behaviors: defaultCatalog.behaviors,
      policies: defaultCatalog.policies,
      runner,
      maxUploadBytes: 64 * 1024,
      log: () => {},
    },
  };
}
