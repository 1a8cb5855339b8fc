import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PackageFacts } from '../../analysis/types.ts';
import type { MemberAnomaly } from '../../artifacts/types.ts';
import { runBehaviors } from '../../catalog/engine.ts';
import type { BehaviorDefinition } from '../../catalog/types.ts';
import { SYNTHETIC_FIXTURE_BEHAVIORS, syntheticSnapshot } from '../testing/synthetic-fixtures.ts';
import { archiveDuplicateMember } from './archive-duplicate-member.ts';
import { archiveLimitExceeded } from './archive-limit-exceeded.ts';
import { archiveLinkMember } from './archive-link-member.ts';
import { archivePathTraversal } from './archive-path-traversal.ts';
import { anomalyBehaviors } from './index.ts';

const NO_FACTS: PackageFacts = { sources: [], urls: [], embedded: [], problems: [] };

function detect(behavior: BehaviorDefinition, anomalies: readonly MemberAnomaly[]) {
  return behavior.detect({ snapshot: syntheticSnapshot(anomalies), facts: NO_FACTS });
}

describe('synthetic fixtures', () => {
  test('every archive behavior has a synthetic fixture and every fixture a registered behavior', () => {
    const archiveIds = anomalyBehaviors.map((b) => b.id).filter((id) => id.startsWith('archive-'));
    assert.deepEqual(SYNTHETIC_FIXTURE_BEHAVIORS.map((f) => f.id).sort(), [...archiveIds].sort());
  });

  for (const fixture of SYNTHETIC_FIXTURE_BEHAVIORS) {
    test(`${fixture.id}: fires on the positive snapshot only, through the engine`, () => {
      const definition = anomalyBehaviors.find((b) => b.id === fixture.id);
      assert.ok(definition);
      const positive = runBehaviors([definition], { snapshot: fixture.positive(), facts: NO_FACTS });
      assert.equal(positive.hits.length, 1);
      for (const occurrence of positive.hits[0]?.occurrences ?? []) {
        assert.ok(occurrence.file !== '' && occurrence.field !== undefined, 'file and field are evidence');
      }
      const negative = runBehaviors([definition], { snapshot: fixture.negative(), facts: NO_FACTS });
      assert.deepEqual(negative.hits, []);
      assert.deepEqual(negative.outcomes, [{ status: 'clear', id: fixture.id }]);
    });
  }
});

describe('archive evidence', () => {
  test('a top-level member names the artifact; a nested one names its container', () => {
    const found = detect(archivePathTraversal, [
      { kind: 'path-traversal', member: '../../x', container: '', detail: 'climbs out' },
      { kind: 'absolute-path', member: '/etc/passwd', container: 'pkg/inner.zip', detail: 'absolute' },
    ]);
    assert.deepEqual(
      found.map((o) => [o.file, o.field, o.detail]),
      [
        ['fixture-1.0.tar.gz', '../../x', 'climbs out'],
        ['pkg/inner.zip', '/etc/passwd', 'absolute'],
      ],
    );
  });

  test('links show their target in the snippet', () => {
    const [occurrence] = detect(archiveLinkMember, [
      { kind: 'symlink', member: 'pkg/l', container: '', detail: 'symbolic link', target: '/root/.ssh' },
    ]);
    assert.equal(occurrence?.snippet, 'pkg/l -> /root/.ssh');
  });

  test('occurrences are capped at 50', () => {
    const many: MemberAnomaly[] = Array.from({ length: 70 }, (_, i) => ({
      kind: 'duplicate-name',
      member: `pkg/f${i}`,
      container: '',
      detail: 'twice',
    }));
    assert.equal(detect(archiveDuplicateMember, many).length, 50);
  });

  test('limit hits name the member, or the limit when there is no member', () => {
    const found = archiveLimitExceeded.detect({
      snapshot: syntheticSnapshot(
        [],
        [
          { limit: 'member-count', max: 10, observed: 11, detail: 'too many members' },
          { limit: 'member-bytes', max: 5, observed: 9, member: 'pkg/big.bin', detail: 'member too large' },
        ],
      ),
      facts: NO_FACTS,
    });
    assert.deepEqual(
      found.map((o) => [o.file, o.field, o.detail]),
      [
        ['fixture-1.0.tar.gz', 'member-count', 'member-count limit 10 reached (saw 11): too many members'],
        ['fixture-1.0.tar.gz', 'pkg/big.bin', 'member-bytes limit 5 reached (saw 9): member too large'],
      ],
    );
  });
});
