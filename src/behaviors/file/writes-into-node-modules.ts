import { defineBehavior } from '../../catalog/define.ts';
import { detectJsCalls } from '../lib/javascript.ts';
import { JS_FILE_WRITE_CALLEES } from '../lib/js-apis.ts';
import { textOf } from '../lib/match.ts';

/** A write target inside node_modules: the host project's or a sibling package's files, not the package's own. */
const NODE_MODULES_TARGET = /node_modules/;

export const writesIntoNodeModules = defineBehavior({
  id: 'writes-into-node-modules',
  category: 'file',
  ecosystems: ['npm'],
  title: 'Writes files into node_modules.',
  description:
    'Finds fs writes, appends, write streams and fs-extra outputs whose target path names node_modules, ' +
    'written plainly or built with path.join / path.resolve, in the JavaScript of an npm package.',
  problem:
    'A package owns its own folder. Writing into node_modules changes the code of other installed packages (or ' +
    'of the project that installed it) behind npm’s back: the change survives updates of the writer and is ' +
    'invisible in the lockfile. Worms and backdoors patch popular packages this way.',
  nextSteps: [
    'Find which file is written and whether it belongs to another package.',
    'Reinstall the affected packages from a clean lockfile if a foreign file was changed.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['TH16129'], mitreAttack: ['T1195.001', 'T1554'] },
  detect: (context) =>
    detectJsCalls(context, [
      {
        callees: JS_FILE_WRITE_CALLEES,
        when: (call) => NODE_MODULES_TARGET.test(textOf(call.args[0])),
        note: () => 'writes into node_modules',
      },
    ]),
});
