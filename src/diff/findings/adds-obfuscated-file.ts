import { defineDiffFinding } from '../context.ts';
import type { DiffEvidence } from '../model.ts';

/** Behaviors that say a file was made unreadable on purpose (not merely minified). */
const OBFUSCATION = ['contains-obfuscated-javascript', 'uses-packer-stub'];

export const addsObfuscatedFile = defineDiffFinding({
  id: 'adds-obfuscated-file',
  title: 'The new version ships an obfuscated file the previous one did not.',
  severity: 'high',
  problem:
    'A package that was readable and now ships obfuscated code hides what the update does. Attackers who take ' +
    'over a release obfuscate the payload they add so that a diff of the source tells reviewers nothing.',
  nextSteps: [
    'Deobfuscate the file offline and compare it with the project repository.',
    'Stay on the previous version until the maintainers explain the file.',
  ],
  detect: (context) => {
    const seen = new Set<string>();
    for (const behavior of context.old.report.behaviors) {
      if (!OBFUSCATION.includes(behavior.id)) continue;
      for (const occurrence of behavior.occurrences) seen.add(context.relative('old', occurrence.file));
    }
    const out: DiffEvidence[] = [];
    for (const behavior of context.new.report.behaviors) {
      if (!OBFUSCATION.includes(behavior.id)) continue;
      for (const occurrence of behavior.occurrences) {
        const file = context.relative('new', occurrence.file);
        if (seen.has(file)) continue;
        seen.add(file);
        out.push({
          file,
          ...(occurrence.line === undefined ? {} : { line: occurrence.line }),
          snippet: occurrence.snippet,
          detail: `${behavior.id}: not obfuscated in the previous version`,
        });
      }
    }
    return out;
  },
});
