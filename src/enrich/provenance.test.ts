import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DeclaredUrl } from '../metadata/types.ts';
import { wheel } from '../proxy/testing/upstream.ts';
import { scanTarget } from '../scan/target.ts';
import { startTestServer, type TestServer } from '../sources/testing/server.ts';
import { collectProvenance } from './provenance.ts';
import { recordedRegistry } from './testing/recorded-registry.ts';

// The recorded real PEP 740 answer of PyPI for the sigstore 3.6.1 sdist (src/provenance/fixtures/README.md).
const recorded = JSON.parse(
  readFileSync(
    join(import.meta.dirname, '..', 'provenance', 'fixtures', 'sigstore-3.6.1.tar.gz.provenance.json'),
    'utf8',
  ),
) as unknown;
const FILE = 'sigstore-3.6.1.tar.gz';
const SHA256 = 'ee60fdc9236fd6709271ad53b44027461360c3fde155d2af15482e4c451ff865';
const LINK = `https://pypi.example/integrity/sigstore/3.6.1/${FILE}/provenance`;
const registry = recordedRegistry({ now: '2026-12-07T00:00:00Z', packages: {} }, { [LINK]: recorded });
const url = (label: string, href: string): DeclaredUrl => ({
  label,
  url: href,
  source: { file: 'PKG-INFO', field: label },
});
const sdist = (urls: readonly DeclaredUrl[], provenanceUrl: string | null = LINK) =>
  ({
    ecosystem: 'pypi',
    name: 'sigstore',
    version: '3.6.1',
    filename: FILE,
    sha256: SHA256,
    ...(provenanceUrl === null ? {} : { provenanceUrl }),
    urls,
  }) as const;
const noFacts = Promise.resolve(undefined);

describe('collectProvenance: PEP 740 (recorded real provenance)', () => {
  it('verifies it and finds the publisher among the project URLs', async () => {
    const facts = await collectProvenance(
      sdist([
        url('Homepage', 'https://sigstore.dev'),
        url('Source', 'https://github.com/sigstore/sigstore-python/tree/main'),
      ]),
      { registry },
      noFacts,
    );
    assert.equal(facts.status, 'checked');
    assert.equal(facts.status === 'checked' && facts.field, 'provenance');
    const result = facts.status === 'checked' ? facts.result : undefined;
    assert.equal(result?.status, 'verified');
    assert.equal(
      result?.status === 'verified' && result.repository,
      'https://github.com/sigstore/sigstore-python',
    );
    assert.equal(result?.status === 'verified' && result.repositoryCheck, 'match');
  });

  it('a project that names another forge repository is a mismatch; one naming none is not declared', async () => {
    const other = await collectProvenance(
      sdist([url('Source', 'https://github.com/someone-else/sigstore-python')]),
      { registry },
      noFacts,
    );
    const none = await collectProvenance(
      sdist([url('Homepage', 'https://sigstore.dev')]),
      { registry },
      noFacts,
    );
    const check = (facts: typeof other) =>
      facts.status === 'checked' && facts.result.status === 'verified'
        ? facts.result.repositoryCheck
        : undefined;
    assert.deepEqual([check(other), check(none)], ['mismatch', 'not-declared']);
  });

  it('no link is none; a link that cannot be fetched is not checked, never failed', async () => {
    const none = await collectProvenance(sdist([], null), { registry }, noFacts);
    const unreachable = await collectProvenance(
      sdist([], 'https://pypi.example/integrity/missing'),
      { registry },
      noFacts,
    );
    assert.deepEqual(
      [
        none.status === 'checked' && none.result.status,
        unreachable.status === 'checked' && unreachable.result.status,
      ],
      ['none', 'not-checked'],
    );
  });

  it('without registry checks nothing is asked', async () => {
    const disabled = await collectProvenance(sdist([]), {}, noFacts);
    const offline = await collectProvenance(sdist([]), { offline: true }, noFacts);
    assert.deepEqual(
      [
        disabled.status === 'not-checked' && disabled.reason,
        offline.status === 'not-checked' && offline.reason,
      ],
      ['disabled', 'offline'],
    );
  });
});

describe('assay scan of a pypi: target follows the index provenance link (local PyPI-format index)', () => {
  let server: TestServer;
  const bytes = wheel('sigstore', '3.6.1');
  const WHEEL = 'sigstore-3.6.1-py3-none-any.whl';
  before(async () => {
    server = await startTestServer();
    // The index links the recorded real provenance of the sdist to a wheel: a subject that is not this file.
    server.route(`/integrity/sigstore/3.6.1/${WHEEL}/provenance`, {
      body: JSON.stringify(recorded),
      headers: { 'content-type': 'application/vnd.pypi.integrity.v1+json' },
    });
    server.route('/simple/sigstore/', {
      body: JSON.stringify({
        meta: { 'api-version': '1.3' },
        name: 'sigstore',
        files: [
          {
            filename: WHEEL,
            url: `/files/${WHEEL}`,
            hashes: {
              sha256: (await import('node:crypto')).createHash('sha256').update(bytes).digest('hex'),
            },
            provenance: `/integrity/sigstore/3.6.1/${WHEEL}/provenance`,
          },
        ],
      }),
      headers: { 'content-type': 'application/vnd.pypi.simple.v1+json' },
    });
    server.route(`/files/${WHEEL}`, { body: bytes });
  });
  after(() => server.close());

  const scan = (network: boolean) =>
    scanTarget('pypi:sigstore==3.6.1', {
      workers: 0,
      network,
      fetch: { pypiIndexUrl: `${server.url}/simple`, pypiJsonApiUrl: null, noCache: true, env: {} },
    });

  it('with registry checks the provenance is fetched, fails on its subject, and the policy says so', async () => {
    const [scanned] = await scan(true);
    const result = scanned?.result;
    assert.equal(result?.subject, 'package');
    const provenance = result?.enrichment?.provenance;
    assert.equal(provenance?.status === 'checked' && provenance.result.status, 'failed');
    assert.match(
      provenance?.status === 'checked' && provenance.result.status === 'failed'
        ? provenance.result.reason
        : '',
      /is about sigstore-3\.6\.1\.tar\.gz, not sigstore-3\.6\.1-py3-none-any\.whl/,
    );
    const issue = result?.issues.find((candidate) => candidate.id === 'provenance-does-not-verify');
    assert.equal(issue?.finding.evidence[0]?.file, WHEEL);
  });

  it('without registry checks the link is not followed', async () => {
    const [scanned] = await scan(false);
    const provenance = scanned?.result.enrichment?.provenance;
    assert.equal(provenance?.status, 'not-checked');
    assert.equal(
      scanned?.result.issues.some((issue) => issue.id.startsWith('provenance-')),
      false,
    );
  });
});
