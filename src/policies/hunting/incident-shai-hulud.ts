import { definePolicy } from '../../catalog/define.ts';
import { INCIDENT_BEHAVIOR, incidentFinding, writeUpsOf } from '../lib/incident-evidence.ts';

export const incidentShaiHulud = definePolicy({
  id: 'incident-shai-hulud',
  category: 'hunting',
  title: 'Looks like the Shai-Hulud npm worm.',
  description: `Raised when resembles-known-incident finds a complete group of the public indicators of the Shai-Hulud worm (2025-09-15) in data/incident-indicators.json. Sources: ${writeUpsOf('shai-hulud')}.`,
  problem:
    'Shai-Hulud stole npm, GitHub and cloud tokens on install (with TruffleHog), planted GitHub Actions workflows to keep leaking secrets, and republished every package the stolen npm token could reach; its second wave ran through setup_bun.js and bun_environment.js. Each infected package spreads it further.',
  nextSteps: [
    'Do not install the package; compare it with the write-up of the incident.',
    'If it was installed, rotate the secrets that were reachable from the machine or CI job and follow the incident’s clean-up advice.',
    'Report the package to the registry.',
  ],
  severity: 'critical',
  riskLabel: 'Causes risk: a known supply-chain attack',
  references: { reversinglabs: ['TH20116'] },
  uses: [INCIDENT_BEHAVIOR],
  evaluate: (context) => incidentFinding(context, 'shai-hulud'),
});
