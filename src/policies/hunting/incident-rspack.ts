import { definePolicy } from '../../catalog/define.ts';
import { INCIDENT_BEHAVIOR, incidentFinding, writeUpsOf } from '../lib/incident-evidence.ts';

export const incidentRspack = definePolicy({
  id: 'incident-rspack',
  category: 'hunting',
  title: 'Looks like the 2024 Rspack compromise.',
  description: `Raised when resembles-known-incident finds a complete group of the public indicators of the Rspack compromise (2024-12-19) in data/incident-indicators.json. Sources: ${writeUpsOf('rspack')}.`,
  problem:
    'The hijacked @rspack/core and @rspack/cli 1.1.7 releases ran support.js on install, looked up where the machine was and started the XMRig miner. The same install-time miner shape in another package repeats it.',
  nextSteps: [
    'Do not install the package; compare it with the write-up of the incident.',
    'If it was installed, rotate the secrets that were reachable from the machine or CI job and follow the incident’s clean-up advice.',
    'Report the package to the registry.',
  ],
  severity: 'critical',
  riskLabel: 'Causes risk: a known supply-chain attack',
  references: { reversinglabs: ['TH20114'] },
  uses: [INCIDENT_BEHAVIOR],
  evaluate: (context) => incidentFinding(context, 'rspack'),
});
