import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { recordProblems } from './record.ts';

const code = Buffer.from('print("hello")\n');
const digest = (data: Buffer, encoding: 'base64url' | 'hex') =>
  createHash('sha256').update(data).digest(encoding);

function wheel(record: string, extra: Record<string, string> = {}) {
  return [
    { path: 'demo/__init__.py', data: code },
    { path: 'demo-1.0.dist-info/RECORD', data: Buffer.from(record) },
    ...Object.entries(extra).map(([path, data]) => ({ path, data: Buffer.from(data) })),
  ];
}

test('a RECORD that matches, in base64url or in hex, raises nothing', () => {
  for (const encoding of ['base64url', 'hex'] as const) {
    const record = `demo/__init__.py,sha256=${digest(code, encoding)},${code.length}\ndemo-1.0.dist-info/RECORD,,\n`;
    assert.deepEqual(recordProblems(wheel(record)), []);
  }
});

test('a changed file, a wrong size, a missing file and an unlisted file are each reported at their RECORD line', () => {
  const record = [
    `demo/__init__.py,sha256=${digest(Buffer.from('other'), 'base64url')},99`,
    'demo/gone.py,sha256=AAAA,4',
    'demo-1.0.dist-info/RECORD,,',
  ].join('\n');
  const problems = recordProblems(wheel(record, { 'demo/extra.pth': 'import os' }));
  assert.deepEqual(
    problems.map((problem) => [problem.line, problem.path, problem.problem]),
    [
      [1, 'demo/__init__.py', 'size-mismatch'],
      [1, 'demo/__init__.py', 'hash-mismatch'],
      [2, 'demo/gone.py', 'missing'],
      [1, 'demo/extra.pth', 'unlisted'],
    ],
  );
});

test('an installer’s RECORD (paths outside the wheel) is not checked: it describes an installation', () => {
  const record = `../../bin/demo,sha256=AAAA,4\ndemo/__init__.py,sha256=AAAA,1\n`;
  assert.deepEqual(recordProblems(wheel(record)), []);
});
