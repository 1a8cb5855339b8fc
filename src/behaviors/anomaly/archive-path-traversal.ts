import { defineBehavior } from '../../catalog/define.ts';
import { anomalyOccurrences } from '../lib/archive-evidence.ts';

export const archivePathTraversal = defineBehavior({
  id: 'archive-path-traversal',
  category: 'anomaly',
  title: 'Has an archive member whose name escapes the extraction folder.',
  description:
    'Reports archive members named with an absolute path (`/etc/…`), a Windows drive letter (`C:\\…`) or ' +
    '`..` segments that climb out of the folder the archive is unpacked into. assay never writes members to ' +
    'disk, so it reads these names safely; other tools may not.',
  problem:
    'An extractor that trusts member names writes the file wherever the name points ("zip slip"): over a ' +
    'shell start-up file, a cron job or another package. Package build tools never produce such names, so ' +
    'their presence means the archive was crafted by hand.',
  nextSteps: [
    'Do not unpack the artifact with tools that follow member paths; inspect it with a safe reader.',
    'Report the package to the registry if the name targets a system or user file.',
  ],
  severity: 'high',
  references: { cwe: ['CWE-22'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ snapshot }) => anomalyOccurrences(snapshot, ['absolute-path', 'path-traversal', 'drive-letter']),
});
