import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { secretIssue } from '../lib/secret-evidence.ts';

export const sshPrivateKey = definePolicy({
  id: 'ssh-private-key',
  category: 'secrets',
  riskLabel: 'Causes risk: published SSH access',
  title: 'Publishes an SSH private key that needs no passphrase.',
  description:
    'Raised when the package ships an SSH private key without a passphrase (contains-ssh-private-key), in a key file or written into code. Keys only in tests, documentation or examples are reported at low severity as likely test keys.',
  problem:
    'Every server that trusts the key is open to anyone who downloads the package, for as long as the key stays authorised.',
  nextSteps: [
    'Remove the public half of the key from every server that trusts it.',
    'Publish a version without the key.',
  ],
  severity: 'high',
  references: { reversinglabs: ['SQ34101', 'SQ34102', 'SQ34103'], cwe: ['CWE-321'] },
  uses: ['contains-ssh-private-key'],
  signals: [filePlacement],
  evaluate: (context) =>
    secretIssue(
      context,
      'contains-ssh-private-key',
      { shipped: 'high', auxiliary: 'low' },
      'SSH private key(s)',
    ),
});
