import { defineBehavior } from '../../catalog/define.ts';
import { anomalyOccurrences } from '../lib/archive-evidence.ts';

export const archiveDuplicateMember = defineBehavior({
  id: 'archive-duplicate-member',
  category: 'anomaly',
  title: 'Has two archive members with the same name.',
  description: 'Reports member names that occur more than once in the same archive.',
  problem:
    'When a name repeats, one tool keeps the first copy and another keeps the last: a scanner or reviewer ' +
    'can read harmless code while the installer writes the other version. Build tools do not produce ' +
    'duplicate names.',
  nextSteps: [
    'Compare the copies of each duplicated member with a tool that lists every entry.',
    'Treat the archive as crafted and review the copy the installer would keep (usually the last).',
  ],
  severity: 'medium',
  references: {},
  ecosystems: ['pypi', 'npm'],
  detect: ({ snapshot }) => anomalyOccurrences(snapshot, ['duplicate-name']),
});
