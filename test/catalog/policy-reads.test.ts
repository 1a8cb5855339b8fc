// Each policy lists in `uses` the behaviors it reads and in `signals` the signals it reads; this meta-test runs the
// policies over every policy fixture with an observer and fails when a policy reads something it does not list,
// or lists a behavior or signal that does not exist. Policies read no facts at all: their context has none, and
// `npm run lint:layers` forbids them the analysis and the fact helpers of src/behaviors/lib/.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadArtifact } from '../../src/artifacts/load.ts';
import { behaviors } from '../../src/behaviors/index.ts';
import { signals } from '../../src/behaviors/signals/index.ts';
import { type PolicyRead, runPolicies } from '../../src/catalog/engine.ts';
import { collectFixtureCases } from '../../src/catalog/testing/fixture-cases.ts';
import { FIXTURE_OPTIONS_FILE, readFixtureOptions } from '../../src/catalog/testing/fixture-options.ts';
import { policies } from '../../src/policies/index.ts';
import { detectEcosystem } from '../../src/scan/ecosystem.ts';
import { scanArtifact } from '../../src/scan/scan.ts';

const policyCases = collectFixtureCases(join(import.meta.dirname, '..', '..', 'src', 'policies'));

function declared(id: string): { behaviors: Set<string>; signals: Set<string> } {
  const policy = policies.find((definition) => definition.id === id);
  assert.ok(policy, `policy ${id}`);
  return {
    behaviors: new Set(policy.uses),
    signals: new Set((policy.signals ?? []).map((signal) => signal.id)),
  };
}

describe('policies list what they read', () => {
  test('every listed behavior and signal exists, and signal ids are unique', () => {
    const behaviorIds = new Set(behaviors.map((definition) => definition.id));
    const signalIds = signals.map((signal) => signal.id);
    assert.equal(new Set(signalIds).size, signalIds.length);
    const unknown = policies.flatMap((policy) => [
      ...policy.uses.filter((id) => !behaviorIds.has(id)).map((id) => `${policy.id} uses behavior ${id}`),
      ...(policy.signals ?? [])
        .filter((signal) => !signals.includes(signal))
        .map((signal) => `${policy.id} reads unregistered signal ${signal.id}`),
    ]);
    assert.deepEqual(unknown, []);
  });

  test('a policy reads only the behaviors and signals it lists (over every policy fixture)', async () => {
    const undeclared = new Set<string>();
    const observe = (policy: string, read: PolicyRead) => {
      const mine = declared(policy);
      const listed = read.kind === 'behavior' ? mine.behaviors.has(read.id) : mine.signals.has(read.id);
      if (!listed) undeclared.add(`${policy} reads ${read.kind} ${read.id} without listing it`);
    };
    for (const fixture of policyCases.cases) {
      const loaded = await loadArtifact(fixture.dir);
      const artifact = {
        ...loaded,
        files: loaded.files.filter((file) => file.path !== FIXTURE_OPTIONS_FILE),
      };
      const ecosystem = existsSync(join(fixture.dir, 'package.json'))
        ? 'npm'
        : detectEcosystem(artifact.files);
      const result = await scanArtifact(artifact, {
        ecosystem,
        workers: 0,
        ...readFixtureOptions(fixture.dir),
      });
      runPolicies(
        policies,
        {
          snapshot: result.snapshot,
          facts: result.facts,
          ...(result.enrichment === undefined ? {} : { enrichment: result.enrichment }),
          ...(result.vulnerabilities === undefined ? {} : { vulnerabilities: result.vulnerabilities }),
        },
        result.behaviors,
        observe,
      );
    }
    assert.deepEqual([...undeclared].sort(), []);
  });
});
