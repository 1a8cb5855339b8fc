import { definePolicy } from '../../catalog/define.ts';
import { INCIDENT_BEHAVIOR, incidentFinding, writeUpsOf } from '../lib/incident-evidence.ts';

export const incidentLottiefiles = definePolicy({
  id: 'incident-lottiefiles',
  category: 'hunting',
  title: 'Looks like the 2024 LottieFiles lottie-player compromise.',
  description: `Raised when resembles-known-incident finds a complete group of the public indicators of the LottieFiles lottie-player compromise (2024-10-30) in data/incident-indicators.json. Sources: ${writeUpsOf('lottiefiles')}.`,
  problem:
    'The hijacked lottie-player releases carried browser code that asked visitors to connect their crypto wallet and then requested token approvals that drained it. An animation or UI package with wallet-connection and approval code but no wallet library has the same shape.',
  nextSteps: [
    'Do not install the package; compare it with the write-up of the incident.',
    'If it was installed, rotate the secrets that were reachable from the machine or CI job and follow the incident’s clean-up advice.',
    'Report the package to the registry.',
  ],
  severity: 'critical',
  riskLabel: 'Causes risk: a known supply-chain attack',
  references: { reversinglabs: ['TH20110'] },
  uses: [INCIDENT_BEHAVIOR],
  evaluate: (context) => incidentFinding(context, 'lottiefiles'),
});
