import { defineBehavior } from '../../catalog/define.ts';
import type { Occurrence } from '../../catalog/types.ts';
import { embeddedOccurrence } from '../lib/embedded.ts';
import { MAX_OCCURRENCES } from '../lib/occurrence.ts';

export const shipsCompiledBytecode = defineBehavior({
  id: 'ships-compiled-bytecode',
  category: 'anomaly',
  ecosystems: ['pypi'],
  title: 'Ships compiled Python bytecode.',
  description: 'Reports files whose first bytes are a Python bytecode (.pyc) header, whatever their name.',
  problem:
    'Bytecode runs like source but cannot be read as such, and nothing guarantees that it matches the source ' +
    'beside it. Packages are built from source; shipped .pyc files are a way to hide code.',
  nextSteps: ['Decompile the bytecode offline and compare it with the source, or remove the package.'],
  severity: 'low',
  references: { mitreAttack: ['T1027'] },
  detect: ({ facts }) => {
    const out: Occurrence[] = [];
    for (const fact of facts.embedded) {
      if (out.length >= MAX_OCCURRENCES) break;
      if (fact.kind === 'pyc') out.push(embeddedOccurrence(fact));
    }
    return out;
  },
});
