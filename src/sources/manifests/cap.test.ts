import assert from 'node:assert/strict';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readProject } from './index.ts';
import { MAX_COMPONENTS } from './util.ts';

/**
 * Every format at one entry past the component cap: no crash (a 130,000-entry yarn.lock once overflowed the stack
 * through `push(...list)`), the cap holds, and the report is told that entries were left out.
 */
const N = MAX_COMPONENTS + 1;

function lines(make: (i: number) => string): string {
  const out: string[] = [];
  for (let i = 0; i < N; i++) out.push(make(i));
  return out.join('');
}

function record(make: (i: number) => [string, unknown]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < N; i++) {
    const [key, value] = make(i);
    out[key] = value;
  }
  return out;
}

const FORMATS: Record<string, () => string> = {
  'package-lock.json': () =>
    JSON.stringify({
      lockfileVersion: 3,
      packages: { '': { name: 'cap' }, ...record((i) => [`node_modules/p${i}`, { version: '1.0.0' }]) },
    }),
  'npm-shrinkwrap.json': () =>
    JSON.stringify({ lockfileVersion: 1, dependencies: record((i) => [`p${i}`, { version: '1.0.0' }]) }),
  'yarn.lock': () => `# yarn lockfile v1\n\n${lines((i) => `p${i}@^1.0.0:\n  version "1.0.0"\n\n`)}`,
  'pnpm-lock.yaml': () =>
    `lockfileVersion: '9.0'\n\npackages:\n\n${lines((i) => `  p${i}@1.0.0:\n    resolution: {integrity: sha512-x}\n\n`)}`,
  'poetry.lock': () => lines((i) => `[[package]]\nname = "p${i}"\nversion = "1.0"\n\n`),
  'uv.lock': () => `version = 1\n\n${lines((i) => `[[package]]\nname = "p${i}"\nversion = "1.0"\n\n`)}`,
  'pylock.toml': () =>
    `lock-version = "1.0"\ncreated-by = "cap"\n\n${lines((i) => `[[packages]]\nname = "p${i}"\nversion = "1.0"\n\n`)}`,
  'Pipfile.lock': () => JSON.stringify({ default: record((i) => [`p${i}`, { version: '==1.0' }]) }),
  'requirements.txt': () => lines((i) => `p${i}==1.0\n`),
  'package.json': () => JSON.stringify({ dependencies: record((i) => [`p${i}`, '1.0.0']) }),
};

describe(`every manifest format at ${N} entries`, () => {
  for (const [name, make] of Object.entries(FORMATS)) {
    it(name, async () => {
      const dir = await mkdtemp(join(tmpdir(), 'assay-cap-'));
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, name), make());
      const project = await readProject(join(dir, name));
      assert.equal(project.components.length, MAX_COMPONENTS);
      assert.deepEqual(
        project.problems.map((p) => p.kind),
        ['too-many-components'],
      );
    });
  }

  it('yarn berry', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'assay-cap-'));
    const text = `__metadata:\n  version: 8\n\n${lines(
      (i) => `"p${i}@npm:^1.0.0":\n  version: 1.0.0\n  resolution: "p${i}@npm:1.0.0"\n\n`,
    )}`;
    await writeFile(join(dir, 'yarn.lock'), text);
    const project = await readProject(join(dir, 'yarn.lock'));
    assert.equal(project.components.length, MAX_COMPONENTS);
    assert.deepEqual(
      project.problems.map((p) => p.kind),
      ['too-many-components'],
    );
  });
});
