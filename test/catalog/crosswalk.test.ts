import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { behaviors } from '../../src/behaviors/index.ts';
import {
  type Crosswalk,
  crosswalkDoc,
  crosswalkProblems,
  crosswalkShapeProblems,
  type ExternalCatalog,
  formatOneLinePerKey,
} from '../../src/catalog/crosswalk.ts';
import {
  CROSSWALK_DIR,
  CROSSWALK_FILE,
  readCrosswalk,
  readExternalCatalog,
} from '../../src/catalog/crosswalk-files.ts';
import { policies } from '../../src/policies/index.ts';

const crosswalk = readCrosswalk();
const catalog = readExternalCatalog();

test('every id of the public catalog has a status, and every id of ours it names exists and references it', () => {
  assert.deepEqual(crosswalkProblems(crosswalk, catalog, behaviors, policies), []);
});

test('the crosswalk file is in its canonical form, one id per line (run `npm run crosswalk:format`)', () => {
  const text = readFileSync(join(CROSSWALK_DIR, CROSSWALK_FILE), 'utf8');
  const canonical = Object.fromEntries(
    Object.entries(crosswalk).map(([id, entry]) => [
      id,
      { status: entry.status, assay: entry.assay, reason: entry.reason },
    ]),
  );
  assert.equal(text, formatOneLinePerKey(canonical));
});

test('docs/crosswalk.md is generated from the crosswalk (run `npm run docs`)', () => {
  const docs = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'crosswalk.md'), 'utf8');
  assert.equal(docs, crosswalkDoc(crosswalk, catalog, behaviors, policies));
});

// The checks themselves, on small made-up inputs: each kind of problem is named.
const tinyCatalog: ExternalCatalog = {
  source: 's',
  revision: 'r',
  date: 'd',
  licence: 'l',
  policies: {
    X1: { category: 'hunting', severity: 'low', blocks: false },
    X2: { category: 'hunting', severity: 'high', blocks: true },
  },
};
const definition = behaviors.find((candidate) => candidate.id === 'url-paste-site');
assert.ok(definition);
const withReference = { ...definition, references: { reversinglabs: ['X1'] } };

test('the consistency check names a missing status, an unknown id, a missing definition and a one-sided reference', () => {
  const walk: Crosswalk = {
    X1: { status: 'covered', assay: ['url-paste-site', 'no-such-id'], reason: 'r' },
    X9: { status: 'planned', assay: [], reason: 'r' },
  };
  assert.deepEqual(crosswalkProblems(walk, tinyCatalog, [withReference], []), [
    'X2 has no status in the crosswalk',
    'X9 is not an id of the catalog',
    'X1 names no-such-id, which is neither a behavior nor a policy',
  ]);
  const notBacked: Crosswalk = {
    X1: { status: 'planned', assay: [], reason: 'r' },
    X2: { status: 'covered', assay: ['url-paste-site'], reason: 'r' },
  };
  assert.deepEqual(crosswalkProblems(notBacked, tinyCatalog, [withReference], []), [
    'X2 is covered by url-paste-site, whose references.reversinglabs does not name it',
    'url-paste-site references X1, but the crosswalk does not list it as covering X1',
  ]);
});

test('the shape check refuses unknown statuses, empty reasons, extra keys and ids on entries that are not covered', () => {
  assert.deepEqual(
    crosswalkShapeProblems({
      A: { status: 'done', assay: [], reason: 'r' },
      B: { status: 'planned', assay: ['x'], reason: ' ' },
      C: { status: 'covered', assay: [], reason: 'r', note: 1 },
    }),
    [
      'A: status must be one of covered, planned, not-applicable',
      'B: a reason is mandatory',
      'B: only a covered entry names ids of ours',
      'C: unknown keys note',
      'C: covered by no id of ours',
    ],
  );
});
