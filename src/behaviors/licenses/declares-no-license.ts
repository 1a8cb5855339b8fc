import { defineBehavior } from '../../catalog/define.ts';
import { licenseFacts } from '../lib/licenses/facts.ts';

export const declaresNoLicense = defineBehavior({
  id: 'declares-no-license',
  category: 'licenses',
  ecosystems: ['pypi', 'npm'],
  title: 'Declares no license and ships no license file.',
  description:
    'Reports a package whose metadata names no license (no license field, no license classifier) and that ships ' +
    'no LICENSE, COPYING or UNLICENSE file at its top.',
  problem:
    'Without a license, copyright law reserves every right to the author: nobody else may copy, change or ' +
    'distribute the code, whatever the registry makes possible.',
  nextSteps: ['Ask the author to add a license, or do not depend on the package.'],
  severity: 'medium',
  references: {},
  detect: (context) => {
    const facts = licenseFacts(context.snapshot);
    if (facts.declared.length > 0 || facts.files.length > 0) return [];
    const file = context.snapshot.metadata.sources[0]?.file;
    if (file === undefined) return [];
    return [
      { file, field: 'license', snippet: '(none)', detail: 'no license field, classifier or license file' },
    ];
  },
});
