import { defineBehavior } from '../../catalog/define.ts';
import { detectJsConstructs } from '../lib/javascript.ts';

export const containsObfuscatedJavascript = defineBehavior({
  id: 'contains-obfuscated-javascript',
  category: 'evasion',
  ecosystems: ['npm'],
  title: 'Contains JavaScript run through an obfuscator.',
  description:
    'Reports files with the shapes javascript-obfuscator and its clones produce: identifiers renamed to _0x plus ' +
    'hex digits together with a rotated string array, a string table, \\x-escaped literals or !![] idioms. ' +
    'Minified or bundled output (terser, esbuild, webpack) renames to short letters and keeps its strings ' +
    'readable, and is not reported. A rotation is one array moving its own items round (`a.push(a.shift())`), ' +
    'never items passed between two arrays; without the _0x names it must sit in the parseInt checksum loop ' +
    'the obfuscator runs at start-up, so its templates kept as text do not count.',
  problem:
    'Minification makes code small; obfuscation makes it unreadable on purpose, at a cost in size and speed. In a ' +
    'published package it hides what the code does from reviewers and scanners, which is why npm malware so ' +
    'often ships in this form.',
  nextSteps: [
    'Deobfuscate the file offline (string-array decoders exist) before trusting it.',
    'Ask the maintainers why readable source is not published.',
  ],
  severity: 'medium',
  references: { mitreAttack: ['T1027'], cwe: ['CWE-506'], guarddog: ['npm-obfuscation'] },
  detect: (context) => detectJsConstructs(context, ['obfuscator-output'], 'obfuscator output'),
});
