import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyCallable } from './callables.ts';
import { looksLikePickle, readPickle } from './pickle.ts';

/** Bytes written by hand from the opcode table; nothing here is ever unpickled. */
function bytes(...parts: (string | number[] | Buffer)[]): Buffer {
  return Buffer.concat(
    parts.map((part) =>
      typeof part === 'string'
        ? Buffer.from(part, 'latin1')
        : Buffer.isBuffer(part)
          ? part
          : Buffer.from(part),
    ),
  );
}
const shortUnicode = (text: string) => bytes([0x8c, text.length], text);

describe('pickle opcode reader', () => {
  test('STACK_GLOBAL takes its module and name from the stack, through the memo (protocol 4 as Python writes it)', () => {
    // os.system('id') as pickle.dumps(..., protocol=4) lays it out: strings memoized, then STACK_GLOBAL and REDUCE.
    const data = bytes(
      [0x80, 0x04],
      shortUnicode('os'),
      [0x94],
      shortUnicode('system'),
      [0x94, 0x93, 0x94],
      shortUnicode('id'),
      [0x94, 0x85, 0x94],
      'R',
      [0x94],
      '.',
    );
    assert.ok(looksLikePickle(data));
    const reading = readPickle(data);
    assert.equal(reading.complete, true);
    assert.deepEqual(reading.imports, [{ name: 'os.system', offset: 16, calledBy: ['REDUCE'] }]);
  });

  test('GLOBAL, INST and OBJ are read; BUILD is recorded on the object it hands state to', () => {
    const data = bytes("cbuiltins\neval\n(S'1'\ntR", '(ipkg.mod\nThing\n', '(cpkg.mod\nOther\no}b.');
    const reading = readPickle(data);
    assert.equal(reading.complete, true);
    assert.deepEqual(
      reading.imports.map((item) => [item.name, item.calledBy]),
      [
        ['builtins.eval', ['REDUCE']],
        ['pkg.mod.Thing', ['INST']],
        ['pkg.mod.Other', ['OBJ']],
      ],
    );
  });

  test('a second pickle right after STOP is read too (joblib writes several)', () => {
    const one = bytes([0x80, 0x04], 'cos\nsystem\n', shortUnicode('a'), [0x85], 'R.');
    const two = bytes([0x80, 0x04], 'csubprocess\nPopen\n', shortUnicode('b'), [0x85], 'R.');
    assert.deepEqual(
      readPickle(Buffer.concat([one, two])).imports.map((item) => item.name),
      ['os.system', 'subprocess.Popen'],
    );
  });

  test('a truncated or foreign file stops with a problem instead of throwing', () => {
    const truncated = readPickle(bytes([0x80, 0x04, 0x8c, 0x40], 'os'));
    assert.equal(truncated.complete, false);
    assert.match(truncated.problem ?? '', /truncated/);
    const foreign = readPickle(Buffer.from('\x80\x04\xffgarbage', 'latin1'));
    assert.match(foreign.problem ?? '', /unknown opcode 0xff/);
    const hugeLength = readPickle(bytes([0x80, 0x04, 0x8e, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]));
    assert.equal(hugeLength.complete, false);
  });

  test('callables are classed by what they can do; data rebuilders stay quiet', () => {
    assert.equal(classifyCallable('builtins.getattr'), 'execution');
    assert.equal(classifyCallable('posix.system'), 'process');
    assert.equal(classifyCallable('subprocess.check_output'), 'process');
    assert.equal(classifyCallable('socket.create_connection'), 'network');
    assert.equal(classifyCallable('os.remove'), 'system');
    assert.equal(classifyCallable('dill.loads'), 'serialized');
    assert.equal(classifyCallable('numpy.core.multiarray._reconstruct'), 'rebuild');
    assert.equal(classifyCallable('torch._utils._rebuild_tensor_v2'), 'rebuild');
    assert.equal(classifyCallable('sklearn.linear_model._base.LinearRegression'), 'other');
  });
});
