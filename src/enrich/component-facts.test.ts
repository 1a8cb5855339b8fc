import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildMaliciousFromTsv } from '../community/data/build.ts';
import { SNAPSHOT_FILES } from '../community/data/format.ts';
import { encodeMaliciousTable } from '../community/data/malicious-table.ts';
import { DEFAULT_DATA_DIR, SnapshotStore } from '../community/data/snapshots.ts';
import { AssayError } from '../core/errors.ts';
import { collectComponentFacts } from './component-facts.ts';
import { componentPurl } from './components.ts';
import { recordedRegistry } from './testing/recorded-registry.ts';
import type { HuntedComponent, RegistryFactsSource } from './types.ts';

function dep(name: string, extra: Partial<HuntedComponent> = {}): HuntedComponent {
  return {
    ecosystem: 'npm',
    name,
    pinned: false,
    source: 'registry',
    dev: false,
    direct: true,
    declaredIn: { file: 'package.json', line: 3 },
    locked: false,
    role: 'dependency',
    ...extra,
  };
}

// A data directory whose malicious snapshot is built from our own TSV, with a withdrawn record in it.
const dataDir = mkdtempSync(join(tmpdir(), 'assay-hunting-data-'));
for (const file of [SNAPSHOT_FILES.pypiTop, SNAPSHOT_FILES.npmHighImpact, SNAPSHOT_FILES.typosquats])
  copyFileSync(join(DEFAULT_DATA_DIR, file), join(dataDir, file));
const tsv = [
  'ecosystem\tname\tosv_id\taffected_versions\tpublished\tmodified\twithdrawn\tdir\tfinders\torigin_sources',
  'npm\tevil-everywhere\tMAL-2099-1\tRANGE:introduced=0\t\t\t\tmalicious\t\t',
  'npm\tevil-some\tMAL-2099-2\t1.0.1,1.0.2\t\t\t\tmalicious\t\t',
  'npm\tfalse-alarm\tMAL-2099-3\t35.0.0\t\t\t2024-07-01T05:16:00Z\twithdrawn\t\t',
].join('\n');
const prov = {
  source: 'test',
  sourceUrl: 'https://example.org',
  sourceRevision: 'r1',
  licence: 'CC0-1.0',
  generated: '2026-11-22',
  generatedFrom: 'shared-copy' as const,
};
writeFileSync(
  join(dataDir, SNAPSHOT_FILES.malicious),
  encodeMaliciousTable({ ...buildMaliciousFromTsv(tsv, prov), sourceDate: '2026-11-01' }),
);
after(() => rmSync(dataDir, { recursive: true, force: true }));

describe('collectComponentFacts: snapshot checks', () => {
  const store = new SnapshotStore(dataDir);

  it('matches malicious records by exact version, every version, and by range', async () => {
    const { components } = await collectComponentFacts(
      [
        dep('evil-everywhere', { version: '3.0.0', pinned: true }),
        dep('evil-some', { version: '1.0.2', pinned: true }),
        dep('evil-some', { version: '1.0.0', pinned: true }),
        dep('evil-some', { specifier: '^1.0.0' }),
        dep('evil-some', { specifier: '^2.0.0' }),
      ],
      { store },
    );
    assert.deepEqual(
      components.map((c) => c.malicious.map((m) => `${m.id}:${m.match}:${(m.versions ?? []).join(',')}`)),
      [
        ['MAL-2099-1:all-versions:3.0.0'],
        ['MAL-2099-2:version:1.0.2'],
        [],
        ['MAL-2099-2:specifier:1.0.1,1.0.2'],
        [],
      ],
    );
  });

  it('lists records of other versions for a pinned component that is not listed itself', async () => {
    const { components } = await collectComponentFacts(
      [
        dep('evil-some', { version: '1.0.0', pinned: true }),
        dep('evil-some', { version: '1.0.1', pinned: true }),
        dep('evil-some', { specifier: '^2.0.0' }),
        dep('evil-everywhere', { version: '3.0.0', pinned: true }),
      ],
      { store },
    );
    assert.deepEqual(
      components.map((c) =>
        (c.maliciousOtherVersions ?? []).map((m) => `${m.id}:${(m.versions ?? []).join(',')}`),
      ),
      [['MAL-2099-2:1.0.1,1.0.2'], [], [], []],
    );
  });

  it('never matches a withdrawn record, whatever the version', async () => {
    const { components } = await collectComponentFacts(
      [dep('false-alarm', { version: '35.0.0', pinned: true }), dep('false-alarm', { specifier: '*' })],
      { store },
    );
    assert.deepEqual(
      components.map((c) => c.malicious),
      [[], []],
    );
  });

  it('names the popular package a typosquat imitates, and flags unusual pinned versions only', async () => {
    const { components } = await collectComponentFacts(
      [dep('expres', { version: '99.99.99', pinned: true }), dep('express', { specifier: '99.99.99' })],
      { store },
    );
    assert.equal(components[0]?.impersonation?.target, 'express');
    assert.equal(components[0]?.unusualVersion?.kind, 'all-nines');
    assert.equal(components[1]?.impersonation, null);
    assert.equal(components[1]?.unusualVersion, null);
  });

  it('says popularity is unknown below the snapshot, with what the snapshot covers', async () => {
    const { components, snapshots } = await collectComponentFacts([dep('express'), dep('assay-unknown-zz')], {
      store,
    });
    assert.equal(components[0]?.popularity.status, 'known');
    const unknown = components[1]?.popularity;
    assert.ok(unknown?.status === 'unknown');
    assert.match(unknown.coveredDownTo.description, /at least 1,000,000 downloads a week/);
    assert.ok(snapshots.some((s) => s.name === 'npm-high-impact' && /^\d{4}-\d{2}-\d{2}$/.test(s.date)));
  });
});

describe('collectComponentFacts: registry facts', () => {
  const store = new SnapshotStore(dataDir);

  it('offline: registry checks say "not checked (offline)", and two runs are identical', async () => {
    const now = new Date('2026-11-22T00:00:00Z');
    const list = [
      dep('express', { version: '4.18.2', pinned: true }),
      dep('local', { source: 'path', url: 'file:../x' }),
    ];
    const first = await collectComponentFacts(list, { store, offline: true, now });
    const second = await collectComponentFacts(list, { store, offline: true, now });
    assert.deepEqual(first, second);
    assert.equal(first.registry, 'offline');
    assert.deepEqual(first.components[0]?.registry, {
      status: 'not-checked',
      reason: 'offline',
      message: 'not checked (offline)',
    });
    assert.equal(
      first.components[1]?.registry.status === 'not-checked' && first.components[1].registry.reason,
      'not-registry',
    );
  });

  it('asks the registry once per name, and turns failures into "not checked" with the reason', async () => {
    const asked: string[] = [];
    const recorded = recordedRegistry({
      now: '2026-11-22T00:00:00Z',
      packages: { 'npm:left-pad': { status: 'exists', versions: { '1.3.0': '2018-04-01T00:00:00Z' } } },
    });
    const registry: RegistryFactsSource = {
      label: recorded.label,
      facts: (ecosystem, name) => {
        asked.push(name);
        if (name === 'offline-only') return Promise.reject(new AssayError('E_OFFLINE', 'not cached'));
        return recorded.facts(ecosystem, name);
      },
    };
    const { components, registry: state } = await collectComponentFacts(
      [
        dep('left-pad', { version: '1.3.0', pinned: true }),
        dep('left-pad', { version: '1.2.0', pinned: true }),
        dep('offline-only'),
        dep('unrecorded'),
      ],
      { store, registry },
    );
    assert.equal(state, 'checked');
    assert.deepEqual(asked.sort(), ['left-pad', 'offline-only', 'unrecorded']);
    assert.equal(components[0]?.registry.status, 'checked');
    assert.equal(components[1]?.registry.status, 'checked');
    const offline = components[2]?.registry;
    assert.ok(offline?.status === 'not-checked' && offline.reason === 'offline');
    const failed = components[3]?.registry;
    assert.ok(failed?.status === 'not-checked' && failed.reason === 'error');
    assert.match(failed.message, /not in the recorded registry/);
  });

  it('asks weekly downloads only for npm names the snapshots cannot rank', async () => {
    const asked: string[] = [];
    const registry: RegistryFactsSource = {
      label: () => 'test',
      facts: () => Promise.reject(new AssayError('E_NETWORK', 'down')),
      weeklyDownloads: (name) => {
        asked.push(name);
        return Promise.resolve(name === 'tiny-one' ? 12 : undefined);
      },
    };
    const { components } = await collectComponentFacts([dep('express'), dep('tiny-one'), dep('silent-one')], {
      store,
      registry,
    });
    assert.deepEqual(asked, ['tiny-one', 'silent-one']);
    assert.equal(components[0]?.downloads, undefined);
    assert.deepEqual(components[1]?.downloads, {
      status: 'checked',
      weekly: 12,
      source: 'npm downloads API (last week)',
    });
    assert.equal(components[2]?.downloads?.status, 'not-checked');
  });
});

describe('helpers', () => {
  it('componentPurl encodes npm scopes and normalizes PyPI names; a range is not a version', () => {
    assert.equal(
      componentPurl({ ecosystem: 'npm', name: '@babel/core', version: '7.24.4', pinned: true }),
      'pkg:npm/%40babel/core@7.24.4',
    );
    assert.equal(
      componentPurl({ ecosystem: 'pypi', name: 'Zope.Interface', version: '6.0', pinned: true }),
      'pkg:pypi/zope-interface@6.0',
    );
    assert.equal(
      componentPurl({ ecosystem: 'npm', name: 'x', version: '^1.0.0', pinned: false }),
      'pkg:npm/x',
    );
  });
});
