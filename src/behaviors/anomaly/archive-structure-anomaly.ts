import { defineBehavior } from '../../catalog/define.ts';
import { anomalyOccurrences } from '../lib/archive-evidence.ts';

export const archiveStructureAnomaly = defineBehavior({
  id: 'archive-structure-anomaly',
  category: 'anomaly',
  title: 'Has a zip archive whose structure reads differently to different tools.',
  description:
    'Reports zip members whose central directory name differs from their local header name, members whose ' +
    'data overlaps the data of another member, and bytes placed before the archive itself.',
  problem:
    'Zip readers disagree on such archives: one trusts the central directory, another the local headers, a ' +
    'third refuses the file. An author who controls those differences can show a reviewer one file and an ' +
    'installer another. Overlapping members are also how a small file turns into gigabytes when unpacked.',
  nextSteps: [
    'List the archive with more than one tool and compare what each sees.',
    'Rebuild the package from its source repository and compare the result.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['SQ25102'], cwe: ['CWE-436'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ snapshot }) =>
    anomalyOccurrences(snapshot, ['header-mismatch', 'overlapping-member', 'prepended-data']),
});
