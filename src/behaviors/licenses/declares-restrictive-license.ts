import { defineBehavior } from '../../catalog/define.ts';
import { licenseFacts } from '../lib/licenses/facts.ts';
import { declaredOccurrence } from '../lib/licenses/occurrences.ts';

export const declaresRestrictiveLicense = defineBehavior({
  id: 'declares-restrictive-license',
  category: 'licenses',
  ecosystems: ['pypi', 'npm'],
  title: 'Declares a license that withholds rights users usually need.',
  description:
    'Reports declared licenses that restrict commercial use (CC-BY-NC, PolyForm Noncommercial …), distribution ' +
    '(PolyForm Internal Use, CC-BY-NC-ND), use in production or as a service (BUSL, SSPL, Elastic License), ' +
    'modification (CC-BY-ND) or that grant no patent rights (BSD-3-Clause-Clear). An OR expression counts only ' +
    'when every alternative restricts.',
  problem:
    'Such licenses are not open source in the usual sense: using the package in a product, a service or a ' +
    'commercial setting may need a separate agreement with the author.',
  nextSteps: ['Read the license and check your use against it, or obtain a commercial license.'],
  severity: 'medium',
  references: {},
  detect: (context) =>
    licenseFacts(context.snapshot).declared.flatMap((declared) =>
      declared.reading.restrictions.length > 0
        ? [declaredOccurrence(declared, `restricts ${declared.reading.restrictions.join(', ')}`)]
        : [],
    ),
});
