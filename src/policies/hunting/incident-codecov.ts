import { definePolicy } from '../../catalog/define.ts';
import { INCIDENT_BEHAVIOR, incidentFinding, writeUpsOf } from '../lib/incident-evidence.ts';

export const incidentCodecov = definePolicy({
  id: 'incident-codecov',
  category: 'hunting',
  title: 'Looks like the 2021 Codecov Bash Uploader compromise.',
  description: `Raised when resembles-known-incident finds a complete group of the public indicators of the Codecov Bash Uploader compromise (2021-01-31) in data/incident-indicators.json. Sources: ${writeUpsOf('codecov')}.`,
  problem:
    'The altered Codecov uploader posted the whole CI environment together with the git remotes to a server of the attacker, exposing every secret of the CI jobs that ran it. A script that sends `env` output with `git remote -v` repeats it.',
  nextSteps: [
    'Do not install the package; compare it with the write-up of the incident.',
    'If it was installed, rotate the secrets that were reachable from the machine or CI job and follow the incident’s clean-up advice.',
    'Report the package to the registry.',
  ],
  severity: 'critical',
  riskLabel: 'Causes risk: a known supply-chain attack',
  references: { reversinglabs: ['TH20103'] },
  uses: [INCIDENT_BEHAVIOR],
  evaluate: (context) => incidentFinding(context, 'codecov'),
});
