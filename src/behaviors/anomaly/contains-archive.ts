import { defineBehavior } from '../../catalog/define.ts';
import type { Occurrence } from '../../catalog/types.ts';
import { ARCHIVE_KINDS, embeddedOccurrence } from '../lib/embedded.ts';
import { MAX_OCCURRENCES } from '../lib/occurrence.ts';

export const containsArchive = defineBehavior({
  id: 'contains-archive',
  category: 'anomaly',
  ecosystems: ['pypi'],
  title: 'Bundles archives inside the package.',
  description:
    'Reports files whose first bytes are a zip, gzip, bzip2, xz, 7z, rar or tar archive, whatever their name, ' +
    'and says when the extension hides what the file is.',
  problem:
    "An archive inside a package is content that reviewers and scanners of the package's source never see. " +
    'Test data and model files are often archives; malware hides its second stage in one and unpacks it at run time.',
  nextSteps: ["List the archive's contents offline and check that they match the package's purpose."],
  severity: 'info',
  references: { mitreAttack: ['T1027'] },
  detect: ({ facts }) => {
    const out: Occurrence[] = [];
    for (const fact of facts.embedded) {
      if (out.length >= MAX_OCCURRENCES) break;
      if (ARCHIVE_KINDS.has(fact.kind)) out.push(embeddedOccurrence(fact));
    }
    return out;
  },
});
