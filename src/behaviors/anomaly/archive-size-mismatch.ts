import { defineBehavior } from '../../catalog/define.ts';
import { anomalyOccurrences } from '../lib/archive-evidence.ts';

export const archiveSizeMismatch = defineBehavior({
  id: 'archive-size-mismatch',
  category: 'anomaly',
  title: 'Has an archive member whose stored size disagrees with its content.',
  description:
    'Reports members whose declared size (in the zip central directory, the local header or the tar header) ' +
    'differs from the bytes actually read.',
  problem:
    'Readers that trust the declared size see a different file than readers that follow the data, which ' +
    'can hide content from a scanner. It can also be plain corruption; either way the package was not ' +
    'produced by a normal build.',
  nextSteps: [
    'Rebuild or re-download the artifact and compare hashes with the registry.',
    'Inspect the member with more than one archive tool.',
  ],
  severity: 'medium',
  references: {},
  ecosystems: ['pypi', 'npm'],
  detect: ({ snapshot }) => anomalyOccurrences(snapshot, ['size-mismatch']),
});
