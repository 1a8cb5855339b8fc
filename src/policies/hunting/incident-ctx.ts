import { definePolicy } from '../../catalog/define.ts';
import { INCIDENT_BEHAVIOR, incidentFinding, writeUpsOf } from '../lib/incident-evidence.ts';

export const incidentCtx = definePolicy({
  id: 'incident-ctx',
  category: 'hunting',
  title: 'Looks like the 2022 ctx compromise.',
  description: `Raised when resembles-known-incident finds a complete group of the public indicators of the ctx compromise (2022-05-14) in data/incident-indicators.json. Sources: ${writeUpsOf('ctx')}.`,
  problem:
    'The hijacked ctx releases on PyPI base64-encoded every environment variable, AWS keys included, and sent them to a herokuapp.com application. Code that walks os.environ, encodes it and names a Heroku application repeats it.',
  nextSteps: [
    'Do not install the package; compare it with the write-up of the incident.',
    'If it was installed, rotate the secrets that were reachable from the machine or CI job and follow the incident’s clean-up advice.',
    'Report the package to the registry.',
  ],
  severity: 'critical',
  riskLabel: 'Causes risk: a known supply-chain attack',
  references: { reversinglabs: ['TH20105'] },
  uses: [INCIDENT_BEHAVIOR],
  evaluate: (context) => incidentFinding(context, 'ctx'),
});
