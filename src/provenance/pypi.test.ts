import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startTestServer, type TestServer } from '../sources/testing/server.ts';
import { pypiFileProvenance, verifyPypiProvenance } from './pypi.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const recorded = readFileSync(join(here, 'fixtures', 'sigstore-3.6.1.tar.gz.provenance.json'), 'utf8');
const FILE = 'sigstore-3.6.1.tar.gz';
const SHA256 = 'ee60fdc9236fd6709271ad53b44027461360c3fde155d2af15482e4c451ff865';

describe('PEP 740 provenance through a local PyPI-format index (recorded real response)', () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
    const provenance = `${server.url}/integrity/sigstore/3.6.1/${FILE}/provenance`;
    server.route(`/integrity/sigstore/3.6.1/${FILE}/provenance`, {
      body: recorded,
      headers: { 'content-type': 'application/vnd.pypi.integrity.v1+json' },
    });
    server.route('/simple/sigstore/', {
      body: JSON.stringify({
        meta: { 'api-version': '1.3' },
        name: 'sigstore',
        files: [
          { filename: FILE, url: `/files/${FILE}`, hashes: { sha256: SHA256 }, provenance },
          {
            filename: 'sigstore-3.6.0.tar.gz',
            url: '/files/sigstore-3.6.0.tar.gz',
            hashes: { sha256: '00'.repeat(32) },
          },
        ],
      }),
      headers: { 'content-type': 'application/vnd.pypi.simple.v1+json' },
    });
  });
  after(() => server.close());

  const listed = async () =>
    (
      (await (await fetch(`${server.url}/simple/sigstore/`)).json()) as {
        files: { filename: string; hashes: { sha256: string }; provenance?: string }[];
      }
    ).files;

  it('verifies the publish attestation and names the Trusted Publisher', async () => {
    const [file] = await listed();
    assert.ok(file);
    const result = await pypiFileProvenance(
      {
        filename: file.filename,
        sha256: file.hashes.sha256,
        ...(file.provenance ? { provenance: file.provenance } : {}),
      },
      { declaredRepository: 'https://github.com/sigstore/sigstore-python' },
    );
    assert.deepEqual(result, {
      status: 'verified',
      publisher: { kind: 'GitHub', repository: 'sigstore/sigstore-python', workflow: 'release.yml' },
      signer: 'https://github.com/sigstore/sigstore-python/.github/workflows/release.yml@refs/tags/v3.6.1',
      predicateTypes: ['https://docs.pypi.org/attestations/publish/v1'],
      repositoryCheck: 'match',
    });
  });

  it('a file the index links no provenance for is "none"; a declared repository elsewhere is a mismatch', async () => {
    const [, older] = await listed();
    assert.ok(older);
    assert.deepEqual(await pypiFileProvenance({ filename: older.filename, sha256: older.hashes.sha256 }), {
      status: 'none',
    });
    const other = verifyPypiProvenance({
      filename: FILE,
      sha256: SHA256,
      provenance: JSON.parse(recorded),
      declaredRepository: 'https://github.com/example/sigstore-python',
    });
    assert.ok(other.status === 'verified' && other.repositoryCheck === 'mismatch');
  });

  it("another file's digest, or a tampered statement, fails", () => {
    const wrongDigest = verifyPypiProvenance({
      filename: FILE,
      sha256: '11'.repeat(32),
      provenance: JSON.parse(recorded),
    });
    assert.deepEqual(wrongDigest, {
      status: 'failed',
      reason: "an attestation's subject digest is not the file's sha256",
    });
    const tampered = JSON.parse(recorded);
    const attestation = tampered.attestation_bundles[0].attestations[0];
    const statement = JSON.parse(Buffer.from(attestation.envelope.statement, 'base64').toString('utf8'));
    statement.subject[0].digest.sha256 = '22'.repeat(32);
    attestation.envelope.statement = Buffer.from(JSON.stringify(statement)).toString('base64');
    const result = verifyPypiProvenance({ filename: FILE, sha256: '22'.repeat(32), provenance: tampered });
    assert.equal(result.status, 'failed');
    assert.match(result.status === 'failed' ? result.reason : '', /does not verify/);
  });
});
