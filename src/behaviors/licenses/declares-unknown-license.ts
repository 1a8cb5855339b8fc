import { defineBehavior } from '../../catalog/define.ts';
import { licenseFacts } from '../lib/licenses/facts.ts';
import { declaredOccurrence } from '../lib/licenses/occurrences.ts';

export const declaresUnknownLicense = defineBehavior({
  id: 'declares-unknown-license',
  category: 'licenses',
  ecosystems: ['pypi', 'npm'],
  title: 'Declares a license that is not a known SPDX license.',
  description:
    'Reports a declared license that is neither an SPDX expression nor mended into one by spdx-correct, or that ' +
    'names ids the SPDX list does not have (LicenseRef-…, "SEE LICENSE IN …", "Proprietary"), unless a license ' +
    'file of the package is recognised.',
  problem:
    'An unknown license cannot be checked automatically: its terms may be anything, including terms that forbid ' +
    'your use.',
  nextSteps: ['Read the license text the package points to and record a decision for it.'],
  severity: 'low',
  references: {},
  detect: (context) => {
    const facts = licenseFacts(context.snapshot);
    if (facts.files.some((file) => file.id !== null)) return [];
    return facts.declared.flatMap((declared) =>
      declared.reading.expression === null || declared.reading.unknown.length > 0
        ? [
            declaredOccurrence(
              declared,
              `not an SPDX license: ${declared.reading.unknown.join(', ').slice(0, 80)}`,
            ),
          ]
        : [],
    );
  },
});
