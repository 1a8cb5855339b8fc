import { definePolicy } from '../../catalog/define.ts';
import { INCIDENT_BEHAVIOR, incidentFinding, writeUpsOf } from '../lib/incident-evidence.ts';

export const incidentEslintScope = definePolicy({
  id: 'incident-eslint-scope',
  category: 'hunting',
  title: 'Looks like the 2018 eslint-scope compromise.',
  description: `Raised when resembles-known-incident finds a complete group of the public indicators of the eslint-scope compromise (2018-07-12) in data/incident-indicators.json. Sources: ${writeUpsOf('eslint-scope')}.`,
  problem:
    'The hijacked eslint-scope release read the installing user\u2019s ~/.npmrc during install and sent the npm token out, with its code fetched from a paste site. Install-time code that reads .npmrc and reaches a paste or counter service repeats it.',
  nextSteps: [
    'Do not install the package; compare it with the write-up of the incident.',
    'If it was installed, rotate the secrets that were reachable from the machine or CI job and follow the incident’s clean-up advice.',
    'Report the package to the registry.',
  ],
  severity: 'critical',
  riskLabel: 'Causes risk: a known supply-chain attack',
  references: { reversinglabs: ['TH20109'] },
  uses: [INCIDENT_BEHAVIOR],
  evaluate: (context) => incidentFinding(context, 'eslint-scope'),
});
