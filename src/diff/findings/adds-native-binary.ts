import { EXECUTABLE_KINDS } from '../../behaviors/lib/embedded.ts';
import { defineDiffFinding } from '../context.ts';
import type { DiffEvidence } from '../model.ts';

export const addsNativeBinary = defineDiffFinding({
  id: 'adds-native-binary',
  title: 'The new version ships a native executable or library the previous one did not.',
  severity: 'high',
  problem:
    'A compiled binary cannot be read like source, and one that appears in a point release of a package that ' +
    'shipped none is a common way to deliver a payload (a miner, a stealer) that the install script then starts.',
  nextSteps: [
    "Check that the binary is built from the project's sources by its release pipeline.",
    'Scan it with an antivirus engine and find the code that loads or starts it.',
  ],
  detect: (context) => {
    const before = new Set(
      context.old.result.facts.embedded
        .filter((fact) => EXECUTABLE_KINDS.has(fact.kind))
        .map((fact) => context.relative('old', fact.file)),
    );
    const out: DiffEvidence[] = [];
    for (const fact of context.new.result.facts.embedded) {
      if (!EXECUTABLE_KINDS.has(fact.kind)) continue;
      const file = context.relative('new', fact.file);
      if (before.has(file)) continue;
      out.push({
        file,
        field: 'content',
        snippet: fact.detail,
        detail: `${fact.kind} file new in this version`,
      });
    }
    return out;
  },
});
