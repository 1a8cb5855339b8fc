import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { classifyLocation } from '../../catalog/lib/location.ts';
import { renamesFile } from '../file/renames-file.ts';
import { queriesSystemTime } from '../settings/queries-system-time.ts';
import { call, context, ref, source, str } from '../testing/fake-context.ts';
import { commandSuspicion, hiddenProcessReason, runsThroughShell } from './commands.ts';
import { dynamicCodeSource } from './dynamic.ts';
import { matchesCallee } from './match.ts';

describe('classifyLocation', () => {
  test('tells setup scripts, package inits, .pth files, tests, docs and examples apart', () => {
    assert.equal(classifyLocation('pkg-1.0/setup.py'), 'setup-script');
    assert.equal(classifyLocation('setup.py'), 'setup-script');
    assert.equal(classifyLocation('pkg-1.0/vendor/lib/setup.py'), 'module');
    assert.equal(classifyLocation('pkg/__init__.py'), 'package-init');
    assert.equal(classifyLocation('hook.pth'), 'pth-file');
    assert.equal(classifyLocation('pkg/tests/test_x.py'), 'test');
    assert.equal(classifyLocation('pkg/test_x.py'), 'test');
    assert.equal(classifyLocation('docs/conf.py'), 'docs');
    assert.equal(classifyLocation('examples/demo.py'), 'example');
    assert.equal(classifyLocation('outer.zip!/pkg/__init__.py'), 'package-init');
  });
});

describe('matchesCallee', () => {
  test('exact, module wildcard, method wildcard and builtins fallback', () => {
    assert.ok(matchesCallee('os.system', ['os.system']));
    assert.ok(!matchesCallee('os.systems', ['os.system']));
    assert.ok(matchesCallee('win32clipboard.GetClipboardData', ['win32clipboard.*']));
    assert.ok(matchesCallee('shell.CreateShortcut', ['*.CreateShortcut']));
    assert.ok(matchesCallee('*.CreateShortcut', ['*.CreateShortcut']));
    assert.ok(!matchesCallee('CreateShortcutX', ['*.CreateShortcut']));
    assert.ok(matchesCallee('exec', ['builtins.exec']));
  });
});

describe('command classification', () => {
  test('a hidden PowerShell dropper is hidden and strongly suspicious; git is neither', () => {
    const dropper = call(
      'setup.py',
      3,
      'subprocess.Popen',
      [str('powershell -EncodedCommand cABvAHcAZQByAHMAaABlAGwAbAA=')],
      {
        keywords: [{ name: 'creationflags', value: ref('subprocess.CREATE_NO_WINDOW') }],
      },
    );
    assert.equal(hiddenProcessReason(dropper), 'starts the program without a window');
    assert.deepEqual(commandSuspicion(dropper), {
      note: 'passes an encoded PowerShell command',
      strong: true,
    });
    const git = call('setup.py', 4, 'subprocess.check_output', [
      { kind: 'expr', text: "['git', 'describe']" },
    ]);
    assert.equal(hiddenProcessReason(git), undefined);
    assert.equal(commandSuspicion(git), undefined);
    assert.equal(runsThroughShell(git), false);
  });
  test('shell=True and os.system run through a shell', () => {
    const shell = call('a.py', 1, 'subprocess.run', [str('ls | wc')], {
      keywords: [{ name: 'shell', value: { kind: 'bool', value: true } }],
    });
    assert.ok(runsThroughShell(shell));
    assert.ok(runsThroughShell(call('a.py', 2, 'os.system', [str('ls')])));
  });
  test('a bare /bin/sh is an interactive shell even with shell=True beside it', () => {
    const sh = call('a.py', 1, 'subprocess.call', [str('/bin/sh')], {
      keywords: [{ name: 'shell', value: { kind: 'bool', value: true } }],
    });
    assert.equal(commandSuspicion(sh)?.note, 'starts an interactive shell');
  });
});

describe('dynamicCodeSource', () => {
  test('reads where exec gets its code from', () => {
    const decoded = call('a.py', 1, 'builtins.exec', [
      { kind: 'call', callee: 'base64.b64decode', text: "base64.b64decode('aGk=')" },
    ]);
    const fetched = call('a.py', 2, 'builtins.exec', [
      { kind: 'call', callee: '*.read', text: "urlopen('http://x').read()" },
    ]);
    const version = call('a.py', 3, 'builtins.exec', [
      { kind: 'call', callee: '*.read', text: "open('pkg/_version.py').read()" },
    ]);
    assert.equal(dynamicCodeSource(decoded), 'decoded');
    assert.equal(dynamicCodeSource(fetched), 'fetched');
    assert.equal(dynamicCodeSource(version), 'file-read');
    assert.equal(dynamicCodeSource(call('a.py', 4, 'builtins.eval', [str('1+1')])), 'literal');
    assert.equal(dynamicCodeSource(call('a.py', 5, 'builtins.exec', [ref('payload')])), 'computed');
  });
});

describe('renames-file', () => {
  test('os.rename and a path-like *.rename hit; DataFrame and Series renames do not', () => {
    const facts = source('pkg/io.py', {
      calls: [
        call('pkg/io.py', 1, 'os.rename', [ref('a'), ref('b')]),
        call('pkg/io.py', 2, '*.rename', [ref('new_path')]),
        call('pkg/io.py', 3, '*.rename', [], {
          keywords: [{ name: 'columns', value: { kind: 'expr', text: "{'a': 'b'}" } }],
        }),
        call('pkg/io.py', 4, '*.rename', [str('total')]),
        call('pkg/io.py', 5, '*.rename', [str('out/report.txt')]),
      ],
    });
    const lines = renamesFile.detect(context([facts])).map((occurrence) => occurrence.line);
    assert.deepEqual(lines, [1, 2, 5]);
  });
});

describe('queries-system-time', () => {
  test('clock reads hit; sleep, monotonic and time conversions do not', () => {
    const facts = source('pkg/t.py', {
      calls: [
        call('pkg/t.py', 1, 'time.time'),
        call('pkg/t.py', 2, 'time.sleep', [{ kind: 'number', value: 1 }]),
        call('pkg/t.py', 3, 'time.localtime', [{ kind: 'number', value: 0 }]),
        call('pkg/t.py', 4, 'datetime.datetime.now'),
        call('pkg/t.py', 5, 'time.monotonic'),
        call('pkg/t.py', 6, 'time.localtime'),
      ],
    });
    const lines = queriesSystemTime.detect(context([facts])).map((occurrence) => occurrence.line);
    assert.deepEqual(lines, [1, 4, 6]);
  });
});
