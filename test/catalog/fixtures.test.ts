import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { loadArtifact } from '../../src/artifacts/load.ts';
import { behaviors } from '../../src/behaviors/index.ts';
import { SYNTHETIC_FIXTURE_BEHAVIORS } from '../../src/behaviors/testing/synthetic-fixtures.ts';
import { runBehaviors, runPolicies } from '../../src/catalog/engine.ts';
import { collectFixtureCases, type FixtureCase } from '../../src/catalog/testing/fixture-cases.ts';
import { FIXTURE_OPTIONS_FILE, readFixtureOptions } from '../../src/catalog/testing/fixture-options.ts';
import { policies } from '../../src/policies/index.ts';
import { SYNTHETIC_FIXTURE_POLICIES } from '../../src/policies/testing/synthetic-fixtures.ts';
import { detectEcosystem } from '../../src/scan/ecosystem.ts';
import { scanArtifact } from '../../src/scan/scan.ts';
import type { ScanResult } from '../../src/scan/types.ts';

// Behaviors whose evidence comes from archive readers are proven by in-memory snapshots instead of folders.
const SYNTHETIC_IDS = new Set(SYNTHETIC_FIXTURE_BEHAVIORS.map((fixture) => fixture.id));
const SYNTHETIC_POLICY_IDS = new Set(SYNTHETIC_FIXTURE_POLICIES.map((fixture) => fixture.id));

const root = join(import.meta.dirname, '..', '..', 'src');
const behaviorCases = collectFixtureCases(join(root, 'behaviors'));
const policyCases = collectFixtureCases(join(root, 'policies'));

async function scanCase(fixture: FixtureCase): Promise<ScanResult> {
  const loaded = await loadArtifact(fixture.dir);
  const artifact = { ...loaded, files: loaded.files.filter((file) => file.path !== FIXTURE_OPTIONS_FILE) };
  // A fixture without a manifest is judged like any scanned folder: by the language of its files.
  const ecosystem = existsSync(join(fixture.dir, 'package.json')) ? 'npm' : detectEcosystem(artifact.files);
  // What the folder cannot express (src/catalog/testing/fixture-options.ts): the registry's manifest, recorded
  // registry facts, hand-written OSV records.
  return scanArtifact(artifact, { ecosystem, workers: 0, ...readFixtureOptions(fixture.dir) });
}

describe('catalog fixtures: the layout', () => {
  test('fixture folders are well formed', () => {
    assert.deepEqual([...behaviorCases.malformed, ...policyCases.malformed], []);
  });

  test('every fixture folder names a registered behavior or policy', () => {
    const behaviorIds = new Set(behaviors.map((definition) => definition.id));
    const policyIds = new Set(policies.map((definition) => definition.id));
    const orphans = [
      ...behaviorCases.cases.filter((fixture) => !behaviorIds.has(fixture.id)).map((fixture) => fixture.name),
      ...policyCases.cases.filter((fixture) => !policyIds.has(fixture.id)).map((fixture) => fixture.name),
    ];
    assert.deepEqual(orphans, []);
  });

  test('every behavior and policy has a positive and a negative case', () => {
    const missing: string[] = [];
    const check = (ids: readonly string[], cases: readonly FixtureCase[], what: string) => {
      for (const id of ids) {
        for (const kind of ['positive', 'negative'] as const) {
          if (!cases.some((fixture) => fixture.id === id && fixture.kind === kind))
            missing.push(`${what} ${id}: no ${kind} case`);
        }
      }
    };
    check(
      behaviors.map((definition) => definition.id).filter((id) => !SYNTHETIC_IDS.has(id)),
      behaviorCases.cases,
      'behavior',
    );
    check(
      policies.map((definition) => definition.id).filter((id) => !SYNTHETIC_POLICY_IDS.has(id)),
      policyCases.cases,
      'policy',
    );
    assert.deepEqual(missing, []);
  });
});

describe('catalog fixtures: behaviors fire on the marked lines only', () => {
  for (const fixture of behaviorCases.cases) {
    test(fixture.name, async () => {
      const result = await scanCase(fixture);
      const hit = result.behaviors.find((candidate) => candidate.id === fixture.id);
      const errors = result.detectorOutcomes.filter(
        (outcome) => outcome.status === 'error' && outcome.id === fixture.id,
      );
      assert.deepEqual(errors, [], 'the detector threw');
      if (fixture.kind === 'negative') {
        assert.equal(
          hit,
          undefined,
          `expected no ${fixture.id} hit, got ${JSON.stringify(hit?.occurrences.slice(0, 3))}`,
        );
        return;
      }
      assert.ok(hit, `expected ${fixture.id} to fire`);
      for (const occurrence of hit.occurrences) {
        assert.ok(occurrence.file !== '', 'an occurrence without a file');
        assert.ok(
          occurrence.line !== undefined || occurrence.field !== undefined,
          'an occurrence without a line or field',
        );
      }
      const hitLines = new Set(
        hit.occurrences.flatMap((occurrence) =>
          occurrence.line === undefined ? [] : [`${occurrence.file}:${occurrence.line}`],
        ),
      );
      const unmarked = [...hitLines].filter((key) => !fixture.expected.has(key));
      const missed = [...fixture.expected].filter((key) => !hitLines.has(key));
      const onBenign = [...hitLines].filter((key) => fixture.benign.has(key));
      assert.deepEqual({ unmarked, missed, onBenign }, { unmarked: [], missed: [], onBenign: [] });
    });
  }
});

describe('catalog fixtures: policies', () => {
  for (const fixture of policyCases.cases) {
    test(fixture.name, async () => {
      const result = await scanCase(fixture);
      const issue = result.issues.find((candidate) => candidate.id === fixture.id);
      const errors = result.policyErrors.filter((error) => error.id === fixture.id);
      assert.deepEqual(errors, [], 'the policy threw');
      if (fixture.kind === 'negative') {
        assert.equal(
          issue,
          undefined,
          `expected no ${fixture.id} issue, got ${JSON.stringify(issue?.finding.evidence.slice(0, 3))}`,
        );
      } else {
        assert.ok(issue, `expected the ${fixture.id} issue`);
        assert.ok(issue.finding.evidence.length > 0, 'an issue without evidence');
      }
    });
  }
});

describe('catalog fixtures: in-memory snapshots for archive anomalies', () => {
  const behaviorIds = new Set(behaviors.map((definition) => definition.id));
  for (const fixture of SYNTHETIC_FIXTURE_BEHAVIORS) {
    const definition = behaviors.find((candidate) => candidate.id === fixture.id);
    test(`${fixture.id} is registered`, () => assert.ok(behaviorIds.has(fixture.id)));
    if (!definition) continue;
    const facts = { sources: [], urls: [], embedded: [], problems: [] };
    test(`${fixture.id}: positive`, () => {
      const { hits, outcomes } = runBehaviors([definition], { snapshot: fixture.positive(), facts });
      assert.deepEqual(
        outcomes.filter((outcome) => outcome.status === 'error'),
        [],
      );
      const hit = hits[0];
      assert.ok(hit && hit.occurrences.length > 0, 'expected a hit');
      for (const occurrence of hit.occurrences) {
        assert.ok(
          occurrence.file !== '' && (occurrence.line !== undefined || occurrence.field !== undefined),
        );
      }
    });
    test(`${fixture.id}: negative`, () => {
      const { hits } = runBehaviors([definition], { snapshot: fixture.negative(), facts });
      assert.deepEqual(hits, []);
    });
  }
});

describe('catalog fixtures: in-memory snapshots for archive policies', () => {
  for (const fixture of SYNTHETIC_FIXTURE_POLICIES) {
    const definition = policies.find((candidate) => candidate.id === fixture.id);
    test(`${fixture.id} is registered`, () => assert.ok(definition));
    if (!definition) continue;
    const facts = { sources: [], urls: [], embedded: [], problems: [] };
    const judge = (snapshot: ReturnType<typeof fixture.positive>) => {
      const context = { snapshot, facts };
      const { hits } = runBehaviors(behaviors, context);
      return runPolicies([definition], context, hits);
    };
    test(`${fixture.id}: positive`, () => {
      const { issues, errors } = judge(fixture.positive());
      assert.deepEqual(errors, []);
      assert.ok((issues[0]?.finding.evidence.length ?? 0) > 0, 'expected the issue with evidence');
    });
    test(`${fixture.id}: negative`, () => {
      const { issues, errors } = judge(fixture.negative());
      assert.deepEqual([issues, errors], [[], []]);
    });
  }
});
