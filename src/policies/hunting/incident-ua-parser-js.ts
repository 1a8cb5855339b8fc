import { definePolicy } from '../../catalog/define.ts';
import { INCIDENT_BEHAVIOR, incidentFinding, writeUpsOf } from '../lib/incident-evidence.ts';

export const incidentUaParserJs = definePolicy({
  id: 'incident-ua-parser-js',
  category: 'hunting',
  title: 'Looks like the 2021 ua-parser-js compromise.',
  description: `Raised when resembles-known-incident finds a complete group of the public indicators of the ua-parser-js compromise (2021-10-22) in data/incident-indicators.json. Sources: ${writeUpsOf('ua-parser-js')}.`,
  problem:
    'The hijacked ua-parser-js releases ran a Windows `start /B` preinstall and shipped shell and batch droppers that fetched a coin miner and a password stealer. A package with the same install shape or the same dropper set is a copy of that attack.',
  nextSteps: [
    'Do not install the package; compare it with the write-up of the incident.',
    'If it was installed, rotate the secrets that were reachable from the machine or CI job and follow the incident’s clean-up advice.',
    'Report the package to the registry.',
  ],
  severity: 'critical',
  riskLabel: 'Causes risk: a known supply-chain attack',
  references: { reversinglabs: ['TH20104'] },
  uses: [INCIDENT_BEHAVIOR],
  evaluate: (context) => incidentFinding(context, 'ua-parser-js'),
});
