import { definePolicy } from '../../catalog/define.ts';
import { behaviorEvidence } from '../lib/url-evidence.ts';

export const missingSourceRepository = definePolicy({
  id: 'missing-source-repository',
  category: 'hunting',
  title: 'Declares no source code repository.',
  description:
    'Raised when metadata-missing-source-repository finds no repository URL in any metadata field of the package.',
  problem:
    'A package without a declared repository cannot be compared with its source, so nobody can tell whether ' +
    'the published files match reviewed code. This is common for small or private projects and typical of ' +
    'malicious uploads.',
  nextSteps: [
    'Ask the maintainers to declare the repository (Project-URL: Source, or npm `repository`).',
    'Prefer an alternative whose releases can be traced to a public repository.',
  ],
  severity: 'low',
  riskLabel: 'Causes risk: untraceable provenance',
  references: { reversinglabs: ['TH30112'] },
  uses: ['metadata-missing-source-repository'],
  evaluate: (context) => {
    const evidence = behaviorEvidence(context, 'metadata-missing-source-repository');
    return evidence.length === 0 ? null : { evidence };
  },
});
