import { definePolicy } from '../../catalog/define.ts';
import { uniqueEvidence } from '../../catalog/lib/evidence.ts';
import { topLevelEvidence } from '../lib/archive-evidence.ts';

export const archiveContentHidden = definePolicy({
  id: 'archive-content-hidden',
  category: 'tampering',
  riskLabel: 'Causes risk: code an installer runs that no scan has read',
  title: 'Ships archive members that an installer reads but assay could not.',
  description:
    'Fires when a member of the artifact itself is encrypted, packed with a compression method assay does ' +
    'not decode, or holds data that does not decode. The member was not analyzed, so the rest of the report ' +
    'says nothing about it.',
  problem:
    'A package is judged by what is read from it. A member that only the installer can read is a blind spot ' +
    'made on purpose: pip reads LZMA and bzip2 members and would install the module, while a scanner that ' +
    'skips them reports the package clean. Legitimate builds pack every member with deflate or store it.',
  nextSteps: [
    'Unpack the named members in an isolated environment and review them before any install.',
    'Ask the maintainers why the member is packed differently; rebuild from source if you must use it.',
  ],
  severity: 'high',
  references: { reversinglabs: ['SQ25102', 'SQ25105'], cwe: ['CWE-693'] },
  uses: ['archive-unreadable-member'],
  evaluate: (context) => {
    const evidence = uniqueEvidence(topLevelEvidence(context, 'archive-unreadable-member'));
    if (evidence.length === 0) return null;
    return { evidence, detail: 'Part of the package could not be read and was not analyzed.' };
  },
});
