import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { memoryIo } from '../io.ts';
import { main } from '../main.ts';

const fixtures = fileURLToPath(new URL('../../diff/fixtures/', import.meta.url));
const pair = (id: string) => [join(fixtures, id, 'old'), join(fixtures, id, 'new')];

describe('assay diff', () => {
  it('exits 1 on a new high finding, 0 with --fail-on never, and 0 when the change only removes risk', async () => {
    const io = memoryIo({ ASSAY_OFFLINE: '1' });
    assert.equal(await main(['diff', ...pair('adds-install-script')], io), 1);
    assert.match(io.out.join(''), /adds-install-script \[high\]/);
    assert.equal(await main(['diff', '--fail-on', 'never', ...pair('adds-install-script')], memoryIo({})), 0);
    const [old, next] = pair('adds-install-script');
    assert.equal(await main(['diff', next ?? '', old ?? ''], memoryIo({ ASSAY_OFFLINE: '1' })), 0);
  });

  it('--fail-on warning counts a new medium finding; JSON on request', async () => {
    const io = memoryIo({ ASSAY_OFFLINE: '1' });
    assert.equal(
      await main(['diff', '--fail-on', 'warning', '-f', 'json', ...pair('adds-network-endpoint')], io),
      1,
    );
    const parsed = JSON.parse(io.out.join('')) as { findings: { id: string }[] };
    assert.deepEqual(
      parsed.findings.map((finding) => finding.id),
      ['adds-network-endpoint'],
    );
  });

  it('refuses --previous on a local path and a missing second target, as usage errors', async () => {
    const io = memoryIo({});
    assert.equal(await main(['diff', '--previous', join(fixtures, 'adds-install-script', 'new')], io), 2);
    assert.match(io.err.join(''), /--previous needs a registry target/);
    assert.equal(await main(['diff', join(fixtures, 'adds-install-script', 'new')], memoryIo({})), 2);
  });
});
