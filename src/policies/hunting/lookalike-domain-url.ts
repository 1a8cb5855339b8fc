import { definePolicy } from '../../catalog/define.ts';
import { behaviorEvidence, MAX_POLICY_EVIDENCE } from '../lib/url-evidence.ts';

const LOOKALIKE_BEHAVIORS = [
  'url-punycode-lookalike',
  'url-homoglyph-lookalike',
  'url-typosquat-domain',
  'url-trusted-domain-subdomain',
] as const;

export const lookalikeDomainUrl = definePolicy({
  id: 'lookalike-domain-url',
  category: 'hunting',
  title: 'Contains URLs on domains that imitate trusted services.',
  description:
    'Raised when a URL host reads as a trusted registry, forge, cloud or identity domain through punycode, ' +
    'look-alike characters, a one-letter typo, or the trusted name placed in front of another domain. A trusted ' +
    'service’s sign-in path on such a host (url-lookalike-sign-in-path) makes it high.',
  problem:
    'Look-alike domains exist to be mistaken for the real service: to receive stolen tokens, serve fake ' +
    'downloads or phish maintainers’ passwords and one-time codes.',
  nextSteps: [
    'Check who owns each domain; if it is not the real service, treat the package as hostile.',
    'Report phishing domains to the service they imitate.',
  ],
  severity: 'medium',
  riskLabel: 'Causes risk: impersonated services',
  references: { reversinglabs: ['TH17110', 'TH17111', 'TH17112', 'TH17113', 'TH17114'] },
  uses: [...LOOKALIKE_BEHAVIORS, 'url-lookalike-sign-in-path'],
  evaluate: (context) => {
    const signIn = behaviorEvidence(context, 'url-lookalike-sign-in-path');
    const others = LOOKALIKE_BEHAVIORS.flatMap((id) => behaviorEvidence(context, id));
    if (signIn.length === 0 && others.length === 0) return null;
    const evidence = [...signIn, ...others].slice(0, MAX_POLICY_EVIDENCE);
    return signIn.length > 0 ? { evidence, severity: 'high' } : { evidence };
  },
});
