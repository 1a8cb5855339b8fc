import { defineBehavior } from '../../catalog/define.ts';
import { limitOccurrences } from '../lib/archive-evidence.ts';

export const archiveLimitExceeded = defineBehavior({
  id: 'archive-limit-exceeded',
  category: 'anomaly',
  title: 'Exceeded an unpacking limit, so part of the package was not analyzed.',
  description:
    'Reports each unpacking limit the artifact reached: total unpacked size, member count, size of one ' +
    'member, compression ratio, nesting depth of archives in archives, or parse time. The evidence names ' +
    'the limit, the value seen and the member when there is one.',
  problem:
    'An extreme compression ratio or size is the mark of a decompression bomb, which exhausts the disk or ' +
    'memory of whoever unpacks it. Even when the package is just large, the files past the limit were not ' +
    'analyzed, so the report may miss something.',
  nextSteps: [
    'Check whether the package is expected to be this large (bundled data, models, binaries).',
    'Rerun with higher limits on an isolated machine if the package must be fully reviewed.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['SQ25103'], cwe: ['CWE-409'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ snapshot }) => limitOccurrences(snapshot),
});
