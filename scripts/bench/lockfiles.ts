// Lockfiles at the component cap: each format generated with 25,000 and 200,000 entries and read by readProject.
// Reading should grow linearly with the file (a search from the top of the file per entry once made a 40,000-entry
// package-lock take minutes), so the ratio of the two times should be near 8.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readProject } from '../../src/sources/manifests/index.ts';

type Generator = (n: number) => string;

function repeat(n: number, make: (i: number) => string): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(make(i));
  return out.join('');
}

const FORMATS: readonly (readonly [string, Generator])[] = [
  [
    'package-lock.json',
    (n) =>
      `{\n  "lockfileVersion": 3,\n  "packages": {\n    "": { "name": "bench" }${repeat(n, (i) => `,\n    "node_modules/p${i}": {\n      "version": "1.0.${i % 10}",\n      "integrity": "sha512-x"\n    }`)}\n  }\n}\n`,
  ],
  [
    'yarn.lock',
    (n) =>
      `# yarn lockfile v1\n\n${repeat(n, (i) => `p${i}@^1.0.0:\n  version "1.0.0"\n  dependencies:\n    p${(i + 1) % n} "^1.0.0"\n\n`)}`,
  ],
  [
    'pnpm-lock.yaml',
    (n) =>
      `lockfileVersion: '9.0'\n\npackages:\n\n${repeat(n, (i) => `  p${i}@1.0.0:\n    resolution: {integrity: sha512-x}\n\n`)}snapshots:\n\n${repeat(n, (i) => `  p${i}@1.0.0:\n    dependencies:\n      p${(i + 1) % n}: 1.0.0\n\n`)}`,
  ],
  ['poetry.lock', (n) => repeat(n, (i) => `[[package]]\nname = "p${i}"\nversion = "1.0"\n\n`)],
];

async function timeRead(file: string): Promise<number> {
  const started = performance.now();
  const project = await readProject(file);
  const elapsed = performance.now() - started;
  if (project.components.length === 0) throw new Error(`${file}: nothing read`);
  return elapsed;
}

export async function benchLockfiles(machine: string): Promise<string> {
  const rows = [
    '| format | 25,000 entries | 200,000 entries | ratio (linear ≈ 8) | file size at 200k |',
    '|---|---|---|---|---|',
  ];
  const dir = mkdtempSync(join(tmpdir(), 'assay-bench-lock-'));
  try {
    for (const [name, make] of FORMATS) {
      const times: number[] = [];
      let size = 0;
      for (const n of [25_000, 200_000]) {
        const file = join(dir, String(n), name);
        const text = make(n);
        size = Buffer.byteLength(text);
        mkdirSync(join(file, '..'), { recursive: true });
        writeFileSync(file, text);
        times.push(await timeRead(file));
      }
      const [small = 0, large = 0] = times;
      rows.push(
        `| ${name} | ${(small / 1000).toFixed(2)} s | ${(large / 1000).toFixed(2)} s | ${(large / small).toFixed(1)} | ${(size / 2 ** 20).toFixed(1)} MiB |`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return `${machine}\n\n${rows.join('\n')}`;
}
