import { definePolicy } from '../../catalog/define.ts';
import { INCIDENT_BEHAVIOR, incidentFinding, writeUpsOf } from '../lib/incident-evidence.ts';

export const incidentUltralytics = definePolicy({
  id: 'incident-ultralytics',
  category: 'hunting',
  title: 'Looks like the 2024 Ultralytics compromise.',
  description: `Raised when resembles-known-incident finds a complete group of the public indicators of the Ultralytics compromise (2024-12-04) in data/incident-indicators.json. Sources: ${writeUpsOf('ultralytics')}.`,
  problem:
    'The tampered ultralytics releases on PyPI downloaded and started the XMRig miner from code that runs when the library is imported. A Python package whose install or import code names XMRig does the same.',
  nextSteps: [
    'Do not install the package; compare it with the write-up of the incident.',
    'If it was installed, rotate the secrets that were reachable from the machine or CI job and follow the incident’s clean-up advice.',
    'Report the package to the registry.',
  ],
  severity: 'critical',
  riskLabel: 'Causes risk: a known supply-chain attack',
  references: { reversinglabs: ['TH20113'] },
  uses: [INCIDENT_BEHAVIOR],
  evaluate: (context) => incidentFinding(context, 'ultralytics'),
});
