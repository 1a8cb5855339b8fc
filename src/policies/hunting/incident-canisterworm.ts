import { definePolicy } from '../../catalog/define.ts';
import { INCIDENT_BEHAVIOR, incidentFinding, writeUpsOf } from '../lib/incident-evidence.ts';

export const incidentCanisterworm = definePolicy({
  id: 'incident-canisterworm',
  category: 'hunting',
  title: 'Looks like the CanisterWorm npm worm.',
  description: `Raised when resembles-known-incident finds a complete group of the public indicators of the CanisterWorm (2026-03-20) in data/incident-indicators.json. Sources: ${writeUpsOf('canisterworm')}.`,
  problem:
    'CanisterWorm stole npm tokens on install, republished the victims\u2019 packages, installed a pgmon background service and took its orders from an Internet Computer canister, which is hard to take down. The same combination in install-time code repeats it.',
  nextSteps: [
    'Do not install the package; compare it with the write-up of the incident.',
    'If it was installed, rotate the secrets that were reachable from the machine or CI job and follow the incident’s clean-up advice.',
    'Report the package to the registry.',
  ],
  severity: 'critical',
  riskLabel: 'Causes risk: a known supply-chain attack',
  references: { reversinglabs: ['TH20117'] },
  uses: [INCIDENT_BEHAVIOR],
  evaluate: (context) => incidentFinding(context, 'canisterworm'),
});
