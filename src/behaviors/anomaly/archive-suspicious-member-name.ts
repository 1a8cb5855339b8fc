import { defineBehavior } from '../../catalog/define.ts';
import { anomalyOccurrences } from '../lib/archive-evidence.ts';

export const archiveSuspiciousMemberName = defineBehavior({
  id: 'archive-suspicious-member-name',
  category: 'anomaly',
  title: 'Has an archive member with backslashes, NUL or control characters in its name.',
  description:
    'Reports archive members whose names contain a backslash, a NUL byte or another control character. ' +
    'Names are reported as found; renderers escape them.',
  problem:
    'Tools disagree on such names: a backslash is a folder separator on Windows and a plain character ' +
    'elsewhere, and a NUL or control character can cut a name short or hide it in a terminal. An attacker ' +
    'uses the disagreement to show a reviewer one file and install another.',
  nextSteps: [
    'List the archive with a tool that shows raw names and compare what each platform would extract.',
    'Treat the package as crafted if the names were not produced by a standard build tool.',
  ],
  severity: 'medium',
  references: {},
  ecosystems: ['pypi', 'npm'],
  detect: ({ snapshot }) =>
    anomalyOccurrences(snapshot, ['backslash-in-name', 'nul-in-name', 'control-character-in-name']),
});
