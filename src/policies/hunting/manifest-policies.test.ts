import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadArtifact } from '../../artifacts/load.ts';
import { scanArtifact } from '../../scan/scan.ts';

const fixtures = join(import.meta.dirname, 'fixtures');

async function severityOf(policy: string, folder: string): Promise<string | undefined> {
  const artifact = await loadArtifact(join(fixtures, policy, folder));
  const result = await scanArtifact(artifact, { ecosystem: 'npm', workers: 0 });
  return result.issues.find((issue) => issue.id === policy)?.severity;
}

describe('manifest hunting policies: severity follows the evidence', () => {
  test('a locale check next to a file deletion is medium, a translated message alone is low', async () => {
    assert.equal(await severityOf('locale-dependent-entry-point', 'positive'), 'medium');
    assert.equal(await severityOf('locale-dependent-entry-point', 'positive-message-only'), 'low');
  });

  test('a development tool taken over is high', async () => {
    assert.equal(await severityOf('shadowed-command-entry-point', 'positive'), 'high');
  });
});
