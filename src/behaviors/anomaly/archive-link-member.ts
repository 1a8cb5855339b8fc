import { defineBehavior } from '../../catalog/define.ts';
import { anomalyOccurrences } from '../lib/archive-evidence.ts';

export const archiveLinkMember = defineBehavior({
  id: 'archive-link-member',
  category: 'anomaly',
  title: 'Has an archive member that is a link or a special file.',
  description:
    'Reports symbolic links, hard links and special files (devices, FIFOs) stored in the archive, with the ' +
    'link target when there is one. assay never follows them.',
  problem:
    'A link member can make an extractor write through it to a file outside the package, or make a later ' +
    'member overwrite something the user owns. Special files have no place in a package. Some source ' +
    'distributions carry harmless symlinks (a README linked into a subfolder), so check the target.',
  nextSteps: [
    'Check each link target: one that leaves the package or points at a home or system path is hostile.',
    'Unpack only with tools that refuse links outside the destination folder.',
  ],
  severity: 'medium',
  references: { cwe: ['CWE-59'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ snapshot }) => anomalyOccurrences(snapshot, ['symlink', 'hardlink', 'special-file']),
});
