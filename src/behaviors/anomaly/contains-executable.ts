import { defineBehavior } from '../../catalog/define.ts';
import type { Occurrence } from '../../catalog/types.ts';
import { EXECUTABLE_KINDS, embeddedOccurrence } from '../lib/embedded.ts';
import { MAX_OCCURRENCES } from '../lib/occurrence.ts';

export const containsExecutable = defineBehavior({
  id: 'contains-executable',
  category: 'anomaly',
  ecosystems: ['pypi'],
  title: 'Bundles native executables or libraries.',
  description:
    'Reports files whose first bytes are an ELF, PE (Windows .exe / .dll / .pyd) or Mach-O header, whatever their ' +
    'name, and says when the extension hides what the file is.',
  problem:
    'Native binaries cannot be reviewed like source. Compiled extension modules are normal in binary wheels; a ' +
    'Windows executable in a pure-Python package, or a binary named like an image or a text file, is a payload ' +
    'waiting to be started.',
  nextSteps: [
    "Check that each binary is a compiled extension built from the package's own sources.",
    'Scan unexpected executables with an antivirus engine and find the code that starts them.',
  ],
  severity: 'low',
  references: { mitreAttack: ['T1027.009'], cwe: ['CWE-506'] },
  detect: ({ facts }) => {
    const out: Occurrence[] = [];
    for (const fact of facts.embedded) {
      if (out.length >= MAX_OCCURRENCES) break;
      if (EXECUTABLE_KINDS.has(fact.kind)) out.push(embeddedOccurrence(fact));
    }
    return out;
  },
});
