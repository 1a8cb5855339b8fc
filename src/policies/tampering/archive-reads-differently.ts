import { definePolicy } from '../../catalog/define.ts';
import { uniqueEvidence } from '../../catalog/lib/evidence.ts';
import { topLevelEvidence } from '../lib/archive-evidence.ts';

export const archiveReadsDifferently = definePolicy({
  id: 'archive-reads-differently',
  category: 'tampering',
  riskLabel: 'Causes risk: a reviewer and an installer see different files',
  title: 'Ships an archive that different tools unpack differently.',
  description:
    'Fires when the artifact itself has members whose declared size disagrees with their data, whose central ' +
    'directory and local header names differ, whose data overlaps another member, or when bytes precede the ' +
    'zip archive.',
  problem:
    'Each of these lets the same file show different content to different readers: the scanner, the ' +
    'registry, the reviewer and the installer may each see another package. Build tools produce none of ' +
    'them, so an archive with one was edited by hand or by a tool made to confuse readers.',
  nextSteps: [
    'Compare the artifact with one built from the source repository.',
    'List it with several tools (unzip -l, Python zipfile, 7-Zip) and review every difference.',
  ],
  severity: 'medium',
  references: { cwe: ['CWE-436'] },
  uses: ['archive-size-mismatch', 'archive-structure-anomaly'],
  evaluate: (context) => {
    const evidence = uniqueEvidence([
      ...topLevelEvidence(context, 'archive-size-mismatch'),
      ...topLevelEvidence(context, 'archive-structure-anomaly'),
    ]);
    if (evidence.length === 0) return null;
    return { evidence, detail: 'The archive reads differently depending on the tool that opens it.' };
  },
});
