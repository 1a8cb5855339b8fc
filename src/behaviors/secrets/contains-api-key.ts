import { defineBehavior } from '../../catalog/define.ts';
import { credentialOccurrences } from '../lib/secrets/occurrences.ts';

export const containsApiKey = defineBehavior({
  id: 'contains-api-key',
  category: 'secrets',
  ecosystems: ['pypi', 'npm'],
  title: 'Contains an API key of a paid web service.',
  description:
    'Finds API keys by their published formats: Stripe secret and restricted keys (live and test), Twilio API ' +
    'keys, SendGrid keys, OpenAI keys, Anthropic keys and Google API keys. Publishable keys meant for browsers ' +
    '(Stripe pk_) are not reported. Not verified with the service; the evidence is masked.',
  problem:
    'An API key bills its owner and reads or changes what the account holds. Google API keys are sometimes meant ' +
    'to be public when restricted to a site or app; the other formats never are.',
  nextSteps: [
    'Rotate the key with the service and check its usage for calls you did not make.',
    'If the key is meant to be public (a restricted browser key), record that in the package or suppress the finding.',
  ],
  severity: 'medium',
  references: { cwe: ['CWE-798'] },
  detect: (context) => credentialOccurrences(context, 'api-key'),
});
