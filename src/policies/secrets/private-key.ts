import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { secretIssue } from '../lib/secret-evidence.ts';

export const privateKey = definePolicy({
  id: 'private-key',
  category: 'secrets',
  riskLabel: 'Causes risk: published private keys',
  title: 'Publishes a private key that needs no passphrase.',
  description:
    'Raised when the package ships a PEM private key without a passphrase (contains-private-key), in a key file or written into code. Keys only in tests, documentation or examples are reported at low severity as likely test keys.',
  problem:
    'Whatever the key protects, a TLS service, signed tokens or encrypted data, can be impersonated or read by anyone who has the package.',
  nextSteps: [
    'Find where the key is used and replace it there.',
    'Publish a version without the key; generate test keys during the tests instead.',
  ],
  severity: 'high',
  references: { reversinglabs: ['SQ34101', 'SQ34108', 'SQ34109'], cwe: ['CWE-321', 'CWE-798'] },
  uses: ['contains-private-key'],
  signals: [filePlacement],
  evaluate: (context) =>
    secretIssue(context, 'contains-private-key', { shipped: 'high', auxiliary: 'low' }, 'private key(s)'),
});
