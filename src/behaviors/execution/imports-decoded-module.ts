import type { CallFact } from '../../analysis/types.ts';
import { defineBehavior } from '../../catalog/define.ts';
import { DYNAMIC_IMPORT_CALLEES } from '../lib/apis.ts';
import { detectCalls, mergeOccurrences } from '../lib/detect.ts';
import { isObfuscatedName } from '../lib/dynamic.ts';
import { detectJsCalls } from '../lib/javascript.ts';
import { JS_REQUIRE_CALLEES } from '../lib/js-apis.ts';
import { textOf } from '../lib/match.ts';

/**
 * Node built-ins that give no reach into the machine. Bundlers split such names on purpose so that the next
 * bundler leaves them alone (Rollup's CommonJS output writes `require('u' + 'rl')` for import.meta.url), and
 * hiding them would hide nothing.
 */
const INERT_BUILTINS = new Set([
  'url',
  'path',
  'util',
  'events',
  'module',
  'assert',
  'buffer',
  'string_decoder',
  'querystring',
  'punycode',
]);

function isInertBuiltin(name: string): boolean {
  return INERT_BUILTINS.has(name.replace(/^node:/, '').replace(/\/.*$/, ''));
}

/**
 * npm: require / import() of a module name assembled at run time ('child' + '_process', base64). Relative
 * paths built from pieces ('./locale/' + 'en') are ordinary code and are left out, as are inert built-ins.
 */
const JS_RULES = [
  {
    callees: JS_REQUIRE_CALLEES,
    when: (call: CallFact) => {
      const first = call.args[0];
      return (
        first?.kind === 'expr' &&
        first.folded !== undefined &&
        /^(?:node:)?[a-z_@][\w@/-]*$/i.test(first.folded) &&
        !isInertBuiltin(first.folded)
      );
    },
    note: (call: CallFact) => `requires '${textOf(call.args[0])}' by a hidden name`,
  },
];

export const importsDecodedModule = defineBehavior({
  id: 'imports-decoded-module',
  category: 'execution',
  ecosystems: ['pypi', 'npm'],
  title: 'Imports a module whose name is hidden in the code.',
  description:
    'Finds __import__ and importlib.import_module calls whose module name is decoded, reversed, joined from chr() ' +
    'values or concatenated from pieces instead of being written plainly.',
  problem:
    'Plugin loaders import names from configuration, but nobody needs to hide the name "os" or "subprocess". ' +
    'Building the name at run time is done to slip past scanners and readers that look for those imports.',
  nextSteps: [
    'Work out the module name the expression produces and why it is hidden.',
    'Review what the package does with the module once imported.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['TH16105'], mitreAttack: ['T1027'], guarddog: ['api-obfuscation'] },
  detect: (context) =>
    mergeOccurrences(
      detectCalls(context, [
        {
          callees: DYNAMIC_IMPORT_CALLEES,
          when: isObfuscatedName,
          note: () => 'imports a module by a hidden name',
        },
      ]),
      detectJsCalls(context, JS_RULES),
    ),
});
