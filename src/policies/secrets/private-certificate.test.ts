import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadArtifact } from '../../artifacts/load.ts';
import { scanArtifact } from '../../scan/scan.ts';

const fixtures = join(import.meta.dirname, 'fixtures', 'private-certificate');

async function severityIn(folder: string): Promise<string | undefined> {
  const artifact = await loadArtifact(join(fixtures, folder));
  const result = await scanArtifact(artifact, { ecosystem: 'pypi', workers: 0 });
  const issue = result.issues.find((candidate) => candidate.id === 'private-certificate');
  return issue?.severity;
}

describe('private-certificate severity', () => {
  test('a certificate an authority issued, shipped with its key, is high', async () => {
    assert.equal(await severityIn('positive-authority-issued'), 'high');
  });

  test('a self-signed certificate with its key is medium: only where it is pinned does the key pass', async () => {
    assert.equal(await severityIn('positive'), 'medium');
  });
});
