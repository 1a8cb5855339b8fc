import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SnapshotStore } from '../community/data/snapshots.ts';
import {
  decodeTyposquatIndex,
  encodeTyposquatIndex,
  findImpersonation,
  glyphSkeleton,
  osaDistance,
  TyposquatDetector,
} from './typosquat.ts';

describe('typosquat detection', () => {
  it('computes optimal string alignment distance', () => {
    assert.equal(osaDistance('lodash', 'lodahs'), 1);
    assert.equal(osaDistance('express', 'expres'), 1);
    assert.equal(osaDistance('abc', 'xyz', 1), 2, 'stops early above the bound');
    assert.equal(glyphSkeleton('djang0'), 'django');
    assert.equal(glyphSkeleton('rnatplotlib'), 'matplotlib');
  });

  const positives: [ecosystem: 'pypi' | 'npm', name: string, target: string, technique: string][] = [
    ['pypi', 'reqeusts', 'requests', 'known-pair'],
    ['pypi', 'requestss', 'requests', 'known-pair'],
    ['pypi', 'dateutil', 'python-dateutil', 'affix'],
    ['pypi', 'colourama', 'colorama', 'addition'],
    ['pypi', 'djang0', 'django', 'homoglyph'],
    ['pypi', 'python-requests', 'requests', 'affix'],
    ['pypi', 'boto4', 'boto3', 'substitution'],
    ['pypi', 'Charset.Normalizr', 'charset-normalizer', 'omission'],
    ['npm', 'expres', 'express', 'omission'],
    ['npm', 'expresss', 'express', 'repetition'],
    ['npm', 'lodahs', 'lodash', 'transposition'],
    ['npm', '@typescript_eslinter/eslint', '@typescript-eslint/eslint-plugin', 'scope-confusion'],
    ['npm', 'types-react', '@types/react', 'scope-confusion'],
    ['npm', 'crossenv', 'cross-env', 'known-pair'],
    ['npm', 'cross_env', 'cross-env', 'separator'],
  ];
  for (const [ecosystem, name, target, technique] of positives) {
    it(`flags ${ecosystem} ${name} as imitating ${target} (${technique})`, () => {
      const hit = findImpersonation(ecosystem, name);
      assert.equal(hit?.target, target);
      assert.equal(hit?.technique, technique);
      assert.ok((hit?.targetRank ?? 0) > 0);
    });
  }

  const negatives: [ecosystem: 'pypi' | 'npm', name: string][] = [
    ['pypi', 'requests'],
    ['pypi', 'urllib3'],
    ['pypi', 'Typing_Extensions'],
    ['npm', 'request'],
    ['npm', 'react-dom'],
    ['npm', '@types/react'],
    ['npm', 'chalk'],
    ['pypi', 'my-internal-service-client'],
    ['npm', 'abc'],
  ];
  for (const [ecosystem, name] of negatives) {
    it(`does not flag ${ecosystem} ${name}`, () => {
      assert.equal(findImpersonation(ecosystem, name), null);
    });
  }

  // How fast the checks run is measured by `npm run bench`, never asserted here.
  it('flags none of 1,000 made-up internal names that resemble no popular package', () => {
    const names = Array.from({ length: 500 }, (_, i) => `some-internal-lib-${i}`);
    const flagged = names.flatMap((n) =>
      (['pypi', 'npm'] as const)
        .filter((eco) => findImpersonation(eco, n) !== null)
        .map((eco) => `${eco}:${n}`),
    );
    assert.deepEqual(flagged, []);
  });

  it('flags no name the snapshots rank, however close it is to another popular name', () => {
    const store = new SnapshotStore();
    const flagged = [
      ...store
        .npmHighImpact()
        .topDownload.slice(0, 1000)
        .map((n) => ['npm', n] as const),
      ...store.pypiTop().names.map((n) => ['pypi', n] as const),
    ].filter(([eco, n]) => findImpersonation(eco, n) !== null);
    // Before: 24 PyPI names ranked 10,001-15,000 (panda → pandas, scipp → scipy, openapi → openai).
    assert.deepEqual(flagged, []);
  });

  it('still flags every pair of the known typosquat data set, naming its target', () => {
    const missed = new SnapshotStore()
      .typosquatPairs()
      .pairs.filter(([squat, target, eco]) => findImpersonation(eco, squat)?.target !== target);
    assert.deepEqual(missed, []);
  });

  it('never matches two names of one npm scope: only its owner publishes there', () => {
    assert.equal(findImpersonation('npm', '@types/jsesc'), null, 'not @types/jest');
    assert.equal(findImpersonation('npm', '@babel/cor'), null);
    assert.equal(findImpersonation('npm', '@babell/core')?.technique, 'scope-confusion');
  });

  it('loads the shipped index, and rebuilds the same table when the file is stale or damaged', () => {
    const store = new SnapshotStore();
    const shipped = new TyposquatDetector(store);
    assert.equal(shipped.find('npm', 'lodahs')?.target, 'lodash');
    assert.equal(shipped.lastIndexSource, 'file', 'data/typosquat-index.bin matches the snapshots');
    const bytes = encodeTyposquatIndex(store);
    const names = ['express', 'lodash'];
    assert.equal(decodeTyposquatIndex(bytes, 'npm', names), undefined, 'another name list is refused');
    const dir = mkdtempSync(join(tmpdir(), 'assay-typo-'));
    const damaged = join(dir, 'index.bin');
    writeFileSync(damaged, bytes.subarray(0, 5000));
    const rebuilt = new TyposquatDetector(store, { indexFile: damaged });
    for (const name of ['lodahs', 'expresss', 'types-react', 'some-internal-lib'])
      assert.deepEqual(rebuilt.find('npm', name), shipped.find('npm', name), name);
    assert.equal(rebuilt.lastIndexSource, 'built');
  });

  it('refuses an index file whose sampled keys are out of order or whose sampled ids point past the names', () => {
    const store = new SnapshotStore();
    const bytes = encodeTyposquatIndex(store);
    const headerEnd = (12 + bytes.readUInt32LE(8) + 3) & ~3;
    const dir = mkdtempSync(join(tmpdir(), 'assay-typo-'));
    const cases: [string, (b: Buffer) => void][] = [
      ['as written', () => {}],
      ['first key raised above the rest', (b) => b.writeUInt32LE(0xffffffff, headerEnd)],
    ];
    const npmEntries = (
      JSON.parse(bytes.toString('utf8', 12, 12 + bytes.readUInt32LE(8))) as {
        tables: { entries: number }[];
      }
    ).tables[0]?.entries;
    assert.ok(npmEntries !== undefined && npmEntries > 100_000, `${npmEntries} npm keys`);
    cases.push(['an id past the names', (b) => b.writeUInt16LE(0xffff, headerEnd + npmEntries * 4)]);
    for (const [label, damage] of cases) {
      const copy = Buffer.from(bytes);
      damage(copy);
      const file = join(dir, 'index.bin');
      writeFileSync(file, copy);
      const detector = new TyposquatDetector(store, { indexFile: file });
      assert.equal(detector.find('npm', 'lodahs')?.target, 'lodash', label);
      assert.equal(detector.lastIndexSource, label === 'as written' ? 'file' : 'built', label);
    }
  });
});
