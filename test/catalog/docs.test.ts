import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { behaviors } from '../../src/behaviors/index.ts';
import { catalogDocs } from '../../src/catalog/docs.ts';
import { policies } from '../../src/policies/index.ts';

const docsDir = join(import.meta.dirname, '..', '..', 'docs');

test('the generated catalog docs match the definitions (run `npm run docs` after changing one)', () => {
  const expected = catalogDocs(behaviors, policies);
  const drift: string[] = [];
  for (const [path, content] of expected) {
    const file = join(docsDir, path);
    if (!existsSync(file)) drift.push(`missing ${path}`);
    else if (readFileSync(file, 'utf8') !== content) drift.push(`outdated ${path}`);
  }
  for (const folder of ['behaviors', 'issues']) {
    const dir = join(docsDir, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir))
      if (!expected.has(`${folder}/${name}`)) drift.push(`stale ${folder}/${name}`);
  }
  assert.deepEqual(drift, []);
});

test('ids are unique across behaviors and policies, and each behavior lives in a file named after its id', () => {
  const ids = [...behaviors.map((b) => b.id), ...policies.map((p) => p.id)];
  assert.deepEqual(
    ids.filter((id, index) => ids.indexOf(id) !== index),
    [],
  );
  const srcDir = join(import.meta.dirname, '..', '..', 'src');
  const misplaced = [
    ...behaviors
      .filter((b) => !existsSync(join(srcDir, 'behaviors', b.category, `${b.id}.ts`)))
      .map((b) => `behavior ${b.id}`),
    ...policies
      .filter((p) => !existsSync(join(srcDir, 'policies', p.category, `${p.id}.ts`)))
      .map((p) => `policy ${p.id}`),
  ];
  assert.deepEqual(misplaced, []);
});

test('policies only read behaviors that exist', () => {
  const behaviorIds = new Set(behaviors.map((b) => b.id));
  const unknown = policies.flatMap((p) =>
    p.uses.filter((id) => !behaviorIds.has(id)).map((id) => `${p.id} → ${id}`),
  );
  assert.deepEqual(unknown, []);
});
