import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { normalizeRepository, sameRepository, verifyNpmProvenance } from './verify.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const tarball = readFileSync(join(here, 'fixtures', 'playwright-cli-0.1.1.tgz'));
const recorded = (): { attestations: { predicateType: string; bundle: Record<string, unknown> }[] } =>
  JSON.parse(readFileSync(join(here, 'fixtures', 'playwright-cli-0.1.1.attestations.json'), 'utf8'));
const base = { name: '@playwright/cli', version: '0.1.1', tarball };

describe('npm provenance: recorded real bundles, the shipped trusted root, no network', () => {
  it('verifies the SLSA provenance and the publish attestation, and names the repository and workflow', () => {
    const result = verifyNpmProvenance({
      ...base,
      attestations: recorded(),
      declaredRepository: 'git+https://github.com/microsoft/playwright-cli.git',
    });
    assert.deepEqual(result, {
      status: 'verified',
      repository: 'https://github.com/microsoft/playwright-cli',
      workflow: '.github/workflows/publish.yml',
      ref: 'refs/tags/v0.1.1',
      commit: 'd1c6d1113932ddcee243e8b111b6d4aea553df20',
      signer: 'https://github.com/microsoft/playwright-cli/.github/workflows/publish.yml@refs/tags/v0.1.1',
      issuer: 'https://token.actions.githubusercontent.com',
      publishAttestation: 'verified',
      repositoryCheck: 'match',
      declaredRepository: 'git+https://github.com/microsoft/playwright-cli.git',
    });
  });

  it('a declared repository other than the one that built it is a mismatch', () => {
    const result = verifyNpmProvenance({
      ...base,
      attestations: recorded(),
      declaredRepository: 'https://github.com/someone/else',
    });
    assert.ok(result.status === 'verified' && result.repositoryCheck === 'mismatch');
  });

  it('a tarball whose digest is not the subject fails, even with valid signatures', () => {
    const other = Buffer.concat([tarball, Buffer.from([0])]);
    const result = verifyNpmProvenance({ ...base, tarball: other, attestations: recorded() });
    assert.deepEqual(result, {
      status: 'failed',
      reason: "the provenance subject digest is not the tarball's sha512",
    });
  });

  it('attestations of another version fail', () => {
    const result = verifyNpmProvenance({ ...base, version: '0.1.2', attestations: recorded() });
    assert.equal(result.status, 'failed');
    assert.match(result.status === 'failed' ? result.reason : '', /not pkg:npm\/%40playwright\/cli@0\.1\.2/);
  });

  it('a payload changed after signing does not verify', () => {
    const tampered = recorded();
    const bundle = tampered.attestations[1]?.bundle as { dsseEnvelope: { payload: string } };
    const statement = JSON.parse(Buffer.from(bundle.dsseEnvelope.payload, 'base64').toString('utf8'));
    statement.predicate.buildDefinition.externalParameters.workflow.repository =
      'https://github.com/attacker/fork';
    bundle.dsseEnvelope.payload = Buffer.from(JSON.stringify(statement)).toString('base64');
    const result = verifyNpmProvenance({ ...base, attestations: tampered });
    assert.equal(result.status, 'failed');
    assert.match(result.status === 'failed' ? result.reason : '', /does not verify/);
  });

  it('no attestations is "none"; attestations without SLSA provenance fail', () => {
    assert.deepEqual(verifyNpmProvenance({ ...base, attestations: { attestations: [] } }), {
      status: 'none',
    });
    const publishOnly = recorded();
    publishOnly.attestations.splice(1, 1);
    assert.equal(verifyNpmProvenance({ ...base, attestations: publishOnly }).status, 'failed');
  });

  it('repository URLs compare in their usual spellings', () => {
    const same = 'https://github.com/owner/repo';
    for (const spelling of [
      'git+https://github.com/Owner/Repo.git',
      'git@github.com:owner/repo.git',
      'github:owner/repo',
      'git://github.com/owner/repo#main',
    ]) {
      assert.equal(normalizeRepository(spelling), same, spelling);
    }
  });

  it('a declared forge URL into the repository (a monorepo folder) is the same repository; another is not', () => {
    const built = 'https://github.com/owner/repo';
    assert.equal(sameRepository('https://github.com/Owner/Repo/tree/main/packages/cli', built), true);
    assert.equal(sameRepository('git+https://github.com/owner/repo.git', built), true);
    assert.equal(sameRepository('https://github.com/owner/repo-fork', built), false);
    assert.equal(sameRepository('https://gitlab.com/owner/repo', built), false);
  });
});
