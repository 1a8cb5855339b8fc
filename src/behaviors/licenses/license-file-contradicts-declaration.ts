import { defineBehavior } from '../../catalog/define.ts';
import { licenseFacts } from '../lib/licenses/facts.ts';
import { sameLicense } from '../lib/licenses/texts.ts';

export const licenseFileContradictsDeclaration = defineBehavior({
  id: 'license-file-contradicts-declaration',
  category: 'licenses',
  ecosystems: ['pypi', 'npm'],
  title: 'Ships a license file whose text is not the declared license.',
  description:
    'Recognises the license files at the top of the package by their wording (MIT, Apache-2.0, BSD, ISC, GPL, ' +
    'LGPL, AGPL, MPL, EPL, BUSL, SSPL …) and reports when none of the recognised files matches any license of the ' +
    'declared expression (a package declared MIT that ships the GPL).',
  problem:
    'When the metadata and the license text disagree, the text usually decides; tools that trust the metadata ' +
    'then report the wrong obligations.',
  nextSteps: ['Read the shipped license file and ask the author to correct the metadata or the file.'],
  severity: 'medium',
  references: {},
  detect: (context) => {
    const facts = licenseFacts(context.snapshot);
    const recognised = facts.files.filter((file) => file.id !== null);
    const declaredIds = facts.declared.flatMap((declared) => declared.reading.ids);
    if (recognised.length === 0 || declaredIds.length === 0) return [];
    const agrees = recognised.some((file) =>
      file.ids.some((found) => declaredIds.some((id) => sameLicense(id, found))),
    );
    if (agrees) return [];
    return recognised.map((file) => ({
      file: file.file,
      line: 1,
      snippet: file.id ?? '',
      detail: `the file reads as ${file.id}; the metadata declares ${declaredIds.join(', ')}`,
    }));
  },
});
