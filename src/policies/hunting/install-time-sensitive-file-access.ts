import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { MAX_EVIDENCE, toEvidence } from '../../catalog/lib/evidence.ts';
import type { IssueEvidence } from '../../catalog/types.ts';
import { occurrencesOf } from '../lib/evidence.ts';

/** Behaviors that name a store of secrets or account data on the machine. */
const SENSITIVE_STORES = [
  'reads-ssh-keys',
  'reads-cloud-credentials',
  'reads-system-accounts',
  'reads-browser-data',
  'reads-crypto-wallets',
  'reads-messaging-app-data',
  'reads-email-client-data',
  'reads-application-credentials',
] as const;

export const installTimeSensitiveFileAccess = definePolicy({
  id: 'install-time-sensitive-file-access',
  category: 'hunting',
  title: 'Reaches for sensitive files in code that runs when the package is installed.',
  description:
    'Raised when a behavior that names a store of secrets (SSH keys, cloud and registry credentials, system ' +
    'account files, browser, wallet, chat and mail data, other applications’ saved credentials) reports it in ' +
    'a file that runs at install time: an npm install script’s files, setup.py or an in-tree build backend.',
  problem:
    'Nothing an installer does needs the user’s keys, tokens or browser data. Code that opens them while the ' +
    'package installs is collecting them before anyone has used the package.',
  nextSteps: [
    'Do not install the package.',
    'Where it was installed, rotate the credentials whose files the code names.',
  ],
  severity: 'high',
  riskLabel: 'Causes risk: credential theft at install time',
  references: { reversinglabs: ['TH16509'] },
  uses: [...SENSITIVE_STORES],
  signals: [filePlacement],
  evaluate: (context) => {
    const stageOf = context.signal(filePlacement).stage;
    const evidence: IssueEvidence[] = [];
    for (const id of SENSITIVE_STORES)
      for (const occurrence of occurrencesOf(context, id))
        if (stageOf(occurrence.file) === 'install')
          evidence.push(toEvidence(id, occurrence, 'at install time'));
    return evidence.length === 0 ? null : { evidence: evidence.slice(0, MAX_EVIDENCE) };
  },
});
