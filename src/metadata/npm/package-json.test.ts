import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memberLines, readNpmMetadata } from './package-json.ts';

const file = (text: string) => [{ path: 'package/package.json', data: Buffer.from(text) }];

describe('package.json dependencies point at their own line (#15.7)', () => {
  it('each dependency carries the line of its entry, not the section header', () => {
    const text = [
      '{',
      '  "name": "demo",',
      '  "version": "1.0.0",',
      '  "dependencies": {',
      '    "left-pad": "^1.0.0",',
      '    "eclint": "^2.8.1"',
      '  },',
      '  "devDependencies": {',
      '    "eclint-extra": "1.0.0"',
      '  }',
      '}',
    ].join('\n');
    const metadata = readNpmMetadata(file(text));
    assert.deepEqual(
      metadata.dependencies.map((d) => [d.name, d.source.line, d.source.field]),
      [
        ['left-pad', 5, 'dependencies.left-pad'],
        ['eclint', 6, 'dependencies.eclint'],
        ['eclint-extra', 9, 'devDependencies.eclint-extra'],
      ],
    );
  });

  it('finds 100,000 entries in one pass; keys out of file order fall back to the section line', () => {
    const names = Array.from({ length: 100_000 }, (_, i) => `dep-${i}`);
    const text = `{\n"dependencies": {\n${names.map((n) => `"${n}": "1.0.0"`).join(',\n')}\n}\n}\n`;
    const lines = memberLines(text, 'dependencies', names);
    assert.equal(lines.size, 100_000);
    assert.equal(lines.get('dep-99999'), 100_002);
    // JSON.parse puts integer-like keys first: "b", written before "7", is then not found forward and is left
    // out (its dependency points at the section line).
    const odd = memberLines('{"dependencies": {"b": "1", "7": "1"}}', 'dependencies', ['7', 'b']);
    assert.deepEqual([...odd.entries()], [['7', 1]]);
  });
});
