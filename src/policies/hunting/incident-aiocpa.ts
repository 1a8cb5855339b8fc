import { definePolicy } from '../../catalog/define.ts';
import { INCIDENT_BEHAVIOR, incidentFinding, writeUpsOf } from '../lib/incident-evidence.ts';

export const incidentAiocpa = definePolicy({
  id: 'incident-aiocpa',
  category: 'hunting',
  title: 'Looks like the 2024 aiocpa compromise.',
  description: `Raised when resembles-known-incident finds a complete group of the public indicators of the aiocpa compromise (2024-11-21) in data/incident-indicators.json. Sources: ${writeUpsOf('aiocpa')}.`,
  problem:
    'The tampered aiocpa release hid, under many layers of zlib and base64, code that sent the Crypto Pay API token of its users to a Telegram bot. A crypto or bot client that executes a compressed, encoded blob repeats that shape.',
  nextSteps: [
    'Do not install the package; compare it with the write-up of the incident.',
    'If it was installed, rotate the secrets that were reachable from the machine or CI job and follow the incident’s clean-up advice.',
    'Report the package to the registry.',
  ],
  severity: 'critical',
  riskLabel: 'Causes risk: a known supply-chain attack',
  references: { reversinglabs: ['TH20112'] },
  uses: [INCIDENT_BEHAVIOR],
  evaluate: (context) => incidentFinding(context, 'aiocpa'),
});
