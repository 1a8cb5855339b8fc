import { definePolicy } from '../../catalog/define.ts';
import { INCIDENT_BEHAVIOR, incidentFinding, writeUpsOf } from '../lib/incident-evidence.ts';

export const incidentCoaRc = definePolicy({
  id: 'incident-coa-rc',
  category: 'hunting',
  title: 'Looks like the 2021 coa and rc compromise.',
  description: `Raised when resembles-known-incident finds a complete group of the public indicators of the coa and rc compromise (2021-11-04) in data/incident-indicators.json. Sources: ${writeUpsOf('coa-rc')}.`,
  problem:
    'The hijacked coa and rc releases ran `start /B node compile.js & node compile.js` on install and registered a downloaded DLL stealer with regsvr32. The same shape in another package points at the same kit.',
  nextSteps: [
    'Do not install the package; compare it with the write-up of the incident.',
    'If it was installed, rotate the secrets that were reachable from the machine or CI job and follow the incident’s clean-up advice.',
    'Report the package to the registry.',
  ],
  severity: 'critical',
  riskLabel: 'Causes risk: a known supply-chain attack',
  references: { reversinglabs: ['TH20108'] },
  uses: [INCIDENT_BEHAVIOR],
  evaluate: (context) => incidentFinding(context, 'coa-rc'),
});
