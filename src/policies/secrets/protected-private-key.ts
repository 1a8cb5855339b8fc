import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { secretIssue } from '../lib/secret-evidence.ts';

export const protectedPrivateKey = definePolicy({
  id: 'protected-private-key',
  category: 'secrets',
  riskLabel: 'Causes risk: published private keys',
  title: 'Publishes a private key protected by a passphrase.',
  description:
    'Raised when the package ships an encrypted PEM private key (contains-protected-private-key); at low severity when only in tests, documentation or examples.',
  problem:
    'An encrypted key can be attacked offline without limit, and its passphrase is often shipped or guessable.',
  nextSteps: ['Replace the key where it is used.', 'Check that its passphrase is not in the package.'],
  severity: 'medium',
  references: { reversinglabs: ['SQ34110', 'SQ34111'], cwe: ['CWE-321'] },
  uses: ['contains-protected-private-key'],
  signals: [filePlacement],
  evaluate: (context) =>
    secretIssue(
      context,
      'contains-protected-private-key',
      { shipped: 'medium', auxiliary: 'low' },
      'passphrase-protected private key(s)',
    ),
});
