import { definePolicy } from '../../catalog/define.ts';
import { INCIDENT_BEHAVIOR, incidentFinding, writeUpsOf } from '../lib/incident-evidence.ts';

export const incidentNxS1ngularity = definePolicy({
  id: 'incident-nx-s1ngularity',
  category: 'hunting',
  title: 'Looks like the 2025 Nx "s1ngularity" compromise.',
  description: `Raised when resembles-known-incident finds a complete group of the public indicators of the Nx "s1ngularity" compromise (2025-08-26) in data/incident-indicators.json. Sources: ${writeUpsOf('nx-s1ngularity')}.`,
  problem:
    'The hijacked Nx releases ran telemetry.js on install, drove locally installed AI coding assistants with their safety checks off to hunt for secrets and wallets, and published the loot to a public s1ngularity-repository. Install-time code with the same indicators repeats it.',
  nextSteps: [
    'Do not install the package; compare it with the write-up of the incident.',
    'If it was installed, rotate the secrets that were reachable from the machine or CI job and follow the incident’s clean-up advice.',
    'Report the package to the registry.',
  ],
  severity: 'critical',
  riskLabel: 'Causes risk: a known supply-chain attack',
  references: { reversinglabs: ['TH20115'] },
  uses: [INCIDENT_BEHAVIOR],
  evaluate: (context) => incidentFinding(context, 'nx-s1ngularity'),
});
