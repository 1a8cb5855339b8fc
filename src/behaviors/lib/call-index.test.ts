import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CallFact } from '../../analysis/types.ts';
import { candidatePositions, indexCalls } from './call-index.ts';
import { matchCallRules } from './detect.ts';

function call(callee: string, line: number, args: CallFact['args'] = []): CallFact {
  return {
    file: 'pkg/m.py',
    line,
    column: 1,
    callee,
    resolved: true,
    scope: 'module',
    args,
    keywords: [],
    snippet: `${callee}()`,
  };
}

const calls = [
  call('os.system', 1),
  call('subprocess.run', 2),
  call('os.path.join', 3),
  call('shell.CreateShortcut', 4),
  call('eval', 5),
  call('pkg.util.os.system', 6),
];
const index = indexCalls(calls);

test('candidates by exact callee, module prefix, method name and dotted suffix, in call order', () => {
  assert.deepEqual(candidatePositions(index, ['os.system']), [0]);
  assert.deepEqual(candidatePositions(index, ['subprocess.*', 'os.*']), [0, 1, 2]);
  assert.deepEqual(candidatePositions(index, ['*.CreateShortcut']), [3]);
  assert.deepEqual(candidatePositions(index, ['*.os.system']), [0, 5]);
  assert.deepEqual(
    candidatePositions(index, ['builtins.eval']),
    [4],
    'builtins.x also matches the bare name',
  );
  assert.deepEqual(candidatePositions(index, ['*']), [0, 1, 2, 3, 4, 5]);
  assert.deepEqual(candidatePositions(index, ['nothing.here']), []);
});

test('matchCallRules reports in source order, and the first rule whose condition holds gives the note', () => {
  const found = matchCallRules(index, [
    { callees: ['os.path.join'], note: () => 'joins' },
    { callees: ['os.*'], when: (c) => c.callee !== 'os.path.join', note: () => 'os call' },
    { callees: ['*'], note: () => 'any call' },
  ]);
  assert.deepEqual(
    found.map((o) => [o.line, o.detail?.split(' (')[0]]),
    [
      [1, 'os call'],
      [2, 'any call'],
      [3, 'joins'],
      [4, 'any call'],
      [5, 'any call'],
      [6, 'any call'],
    ],
  );
});
