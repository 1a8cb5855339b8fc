import { defineBehavior } from '../../catalog/define.ts';
import { locatedDetail } from '../lib/occurrence.ts';
import { debugDatabases } from '../lib/secrets/leftovers.ts';

export const shipsDebugDatabase = defineBehavior({
  id: 'ships-debug-database',
  category: 'secrets',
  ecosystems: ['pypi', 'npm'],
  title: 'Ships a debug symbol database.',
  description:
    'Reports Windows program databases (.pdb files with the MSF 7.00 header), macOS .dSYM bundles and Visual C++ ' +
    'incremental build databases (.ilk, .idb).',
  problem:
    'Debug databases map machine code back to source files, function names and the paths of the build machine. ' +
    'They make reverse engineering easy and reveal how and where the package was built; they are rarely meant ' +
    'to be published.',
  nextSteps: ['Check whether the symbols were meant to be published; otherwise exclude them from the build.'],
  severity: 'medium',
  references: { cwe: ['CWE-215'] },
  detect: (context) =>
    debugDatabases(context.snapshot.files).map((leftover) => ({
      file: leftover.file,
      line: 1,
      snippet: leftover.file,
      detail: locatedDetail(leftover.file, leftover.note),
    })),
});
