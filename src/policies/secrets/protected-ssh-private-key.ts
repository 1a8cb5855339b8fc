import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { secretIssue } from '../lib/secret-evidence.ts';

export const protectedSshPrivateKey = definePolicy({
  id: 'protected-ssh-private-key',
  category: 'secrets',
  riskLabel: 'Causes risk: published SSH access',
  title: 'Publishes an SSH private key protected by a passphrase.',
  description:
    'Raised when the package ships an encrypted SSH private key (contains-protected-ssh-private-key), in a key file or written into code; at low severity when only in tests, documentation or examples.',
  problem:
    'The passphrase is the only thing left between the key and the servers that trust it, and it can be attacked offline.',
  nextSteps: [
    'Replace the key and remove its public half from the servers that trust it.',
    'Publish a version without the key.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['SQ34104', 'SQ34105'], cwe: ['CWE-321'] },
  uses: ['contains-protected-ssh-private-key'],
  signals: [filePlacement],
  evaluate: (context) =>
    secretIssue(
      context,
      'contains-protected-ssh-private-key',
      { shipped: 'medium', auxiliary: 'low' },
      'passphrase-protected SSH private key(s)',
    ),
});
