import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { toEvidence, uniqueEvidence } from '../../catalog/lib/evidence.ts';
import { isAuxiliary } from '../../catalog/lib/location.ts';
import type { IssueEvidence } from '../../catalog/types.ts';
import { occurrencesOf } from '../lib/evidence.ts';

export const hiddenCodeCharacters = definePolicy({
  id: 'hidden-code-characters',
  category: 'tampering',
  riskLabel: 'Causes risk: code that reads differently from how it runs',
  title: 'Hides characters in source code that change how it reads.',
  description:
    'Fires when package code outside tests and docs contains bidirectional control characters or invisible ' +
    'characters (zero-width, fillers, tag characters) on lines without quoted text, where they can only sit in ' +
    'names or code.',
  problem:
    'Reviewers trust what they see on screen. Bidirectional controls reorder a line so that code looks like a ' +
    'comment, and invisible characters make two names that look identical differ — both let a change slip ' +
    'through review. Hand-written code needs neither.',
  nextSteps: [
    'Open the reported lines with control characters made visible.',
    'Compare the package with its public repository; treat unexplained characters as tampering.',
  ],
  severity: 'medium',
  references: {
    reversinglabs: ['TH16102'],
    cwe: ['CWE-1007'],
    guarddog: ['bidirectional-characters', 'unicode'],
  },
  uses: ['contains-bidi-control-characters', 'contains-invisible-unicode'],
  signals: [filePlacement],
  evaluate: (context) => {
    const where = context.signal(filePlacement).locate;
    const evidence: IssueEvidence[] = [];
    for (const id of ['contains-bidi-control-characters', 'contains-invisible-unicode']) {
      for (const occurrence of occurrencesOf(context, id)) {
        if (isAuxiliary(where(occurrence.file))) continue;
        // Invisible characters inside quoted text are usually data (entity tables, typography); outside of any
        // quote they sit in names or code, where only a trick puts them.
        if (id === 'contains-invisible-unicode' && /['"]/.test(occurrence.snippet)) continue;
        evidence.push(toEvidence(id, occurrence));
      }
    }
    if (evidence.length === 0) return null;
    return {
      evidence: uniqueEvidence(evidence),
      detail: 'Source code contains characters a reader cannot see.',
    };
  },
});
