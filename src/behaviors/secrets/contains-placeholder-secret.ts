import { defineBehavior } from '../../catalog/define.ts';
import { placeholderOccurrences } from '../lib/secrets/occurrences.ts';

export const containsPlaceholderSecret = defineBehavior({
  id: 'contains-placeholder-secret',
  category: 'secrets',
  ecosystems: ['pypi', 'npm'],
  title: 'Contains a value shaped like a credential that is a placeholder or a documentation example.',
  description:
    'Reports what the secrets checks found but set aside: vendors’ documentation examples (AKIAIOSFODNN7EXAMPLE, ' +
    'the Azure storage emulator key, the jwt.io sample), values with placeholder markers (xxxx, <token>, ' +
    'template variables, "your_"), tokens whose checksum fails, and URL credentials with stock passwords or local hosts.',
  problem:
    'A placeholder opens nothing. It is reported so that a reader sees where a real value would be written, and ' +
    'because a real secret sometimes sits next to the example it replaced.',
  nextSteps: ['Check that the value is indeed an example and that no real value sits nearby.'],
  severity: 'low',
  references: {},
  detect: placeholderOccurrences,
});
