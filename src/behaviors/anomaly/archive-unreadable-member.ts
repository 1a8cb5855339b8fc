import { defineBehavior } from '../../catalog/define.ts';
import { anomalyOccurrences } from '../lib/archive-evidence.ts';

export const archiveUnreadableMember = defineBehavior({
  id: 'archive-unreadable-member',
  category: 'anomaly',
  title: 'Has an archive member whose content assay could not read.',
  description:
    'Reports encrypted members, members packed with a compression method assay does not decode (it reads ' +
    'stored, deflate, bzip2 and LZMA zip members), members whose data does not decode, and nested archives ' +
    'that are corrupt. The member is named; its content was not analyzed.',
  problem:
    'What a scanner cannot read it cannot judge, while an installer may read it without trouble: pip ' +
    'unpacks zip methods that some tools skip. Packing one module differently from the rest is a cheap ' +
    'way to hide it. Build tools write every member the same way and never encrypt one.',
  nextSteps: [
    'Unpack the member in an isolated environment with a tool that reads its method, and review it.',
    'Treat an encrypted member in a package as hostile: nothing legitimate needs one.',
  ],
  severity: 'high',
  references: { reversinglabs: ['SQ25101', 'SQ25102', 'SQ25105'], cwe: ['CWE-693'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ snapshot }) => anomalyOccurrences(snapshot, ['encrypted-member', 'unreadable-member']),
});
