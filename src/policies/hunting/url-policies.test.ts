import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractUrls } from '../../analysis/text/urls.ts';
import { metadataBehaviors } from '../../behaviors/metadata/index.ts';
import { networkBehaviors } from '../../behaviors/network/index.ts';
import { runBehaviors, runPolicies } from '../../catalog/engine.ts';
import type { DetectionContext, Issue } from '../../catalog/types.ts';
import { emptyMetadata, type PackageMetadata } from '../../metadata/types.ts';
import { huntingPolicies } from './index.ts';

function scan(text: string, metadata: PackageMetadata = emptyMetadata('pypi')): Map<string, Issue> {
  const data = Buffer.from(text);
  const context: DetectionContext = {
    snapshot: {
      ecosystem: 'pypi',
      name: 'pkg',
      version: '1.0',
      artifact: { file: 'pkg-1.0.tar.gz', sha256: '0'.repeat(64), size: data.length, format: 'tar.gz' },
      files: [{ path: 'pkg/mod.py', data }],
      metadata,
      anomalies: [],
      limitHits: [],
    },
    facts: { sources: [], urls: extractUrls('pkg/mod.py', data), embedded: [], problems: [] },
  };
  const { hits } = runBehaviors([...networkBehaviors, ...metadataBehaviors], context);
  const { issues, errors } = runPolicies(huntingPolicies, context, hits);
  assert.deepEqual(errors, []);
  return new Map(issues.map((issue) => [issue.id, issue]));
}

const WITH_REPO: PackageMetadata = {
  ...emptyMetadata('pypi'),
  sources: [{ file: 'PKG-INFO', kind: 'PKG-INFO' }],
  urls: [
    { label: 'Source', url: 'https://github.com/o/r', source: { file: 'PKG-INFO', field: 'Project-URL' } },
  ],
};

describe('hunting policies over URL behaviors', () => {
  test('deceptive-download-url needs a decoy extension before the executable one', () => {
    assert.equal(
      scan('u = "https://cdn.example.net/invoice.pdf.exe"').get('deceptive-download-url')?.severity,
      'medium',
    );
    assert.equal(scan('u = "https://cdn.example.net/tool.exe"').has('deceptive-download-url'), false);
  });

  test('nonstandard-port-url leaves local development addresses out', () => {
    const remote = scan('u = "http://api.example.net:8081/"').get('nonstandard-port-url');
    assert.equal(remote?.severity, 'low');
    assert.equal(remote?.finding.evidence[0]?.line, 1);
    assert.equal(
      scan('u = "http://localhost:8080/"\nv = "http://127.0.0.1:5000"').has('nonstandard-port-url'),
      false,
    );
  });

  test('suspicious-tld-url and encoded-url are low hunting leads', () => {
    assert.equal(scan('u = "https://gift.tk/"').get('suspicious-tld-url')?.severity, 'low');
    const encoded = Buffer.from('https://c2.example.net/x').toString('base64');
    const issue = scan(`x = "${encoded}"`).get('encoded-url');
    assert.equal(issue?.severity, 'low');
    assert.equal(issue?.finding.evidence[0]?.behavior, 'url-encoded');
  });

  test('risky-url-destination: low for one indicator, medium when one URL combines several', () => {
    assert.equal(scan('u = "https://pastebin.com/abc"').get('risky-url-destination')?.severity, 'low');
    const combined = scan('u = "http://45.33.12.7:4444/x.exe"').get('risky-url-destination');
    assert.equal(combined?.severity, 'medium');
    assert.deepEqual(
      new Set(combined?.finding.evidence.map((e) => e.behavior)),
      new Set(['url-ip-literal', 'url-nonstandard-port', 'url-interesting-file-format']),
    );
  });

  test('risky-url-destination: raw install scripts and local addresses are not destinations', () => {
    const issues = scan(
      'curl https://raw.githubusercontent.com/o/r/main/install.sh | sh\nu = "http://192.168.1.10:8080/setup.sh"',
    );
    assert.equal(issues.has('risky-url-destination'), false);
  });

  test('missing-source-repository follows metadata-missing-source-repository', () => {
    assert.equal(scan('x = 1').get('missing-source-repository')?.severity, 'low');
    assert.equal(scan('x = 1', WITH_REPO).has('missing-source-repository'), false);
  });

  test('no hunting policy fails a package on its own', () => {
    const issues = scan(
      'u = "http://45.33.12.7:4444/invoice.pdf.exe" "https://discord.com/api/webhooks/1/x"',
    );
    for (const issue of issues.values()) assert.ok(['low', 'medium'].includes(issue.severity), issue.id);
  });
});
