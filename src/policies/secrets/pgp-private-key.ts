import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { secretIssue } from '../lib/secret-evidence.ts';

export const pgpPrivateKey = definePolicy({
  id: 'pgp-private-key',
  category: 'secrets',
  riskLabel: 'Causes risk: forged signatures',
  title: 'Publishes a PGP private key.',
  description:
    'Raised when the package ships a PGP private key block (contains-pgp-private-key); at low severity when only in tests, documentation or examples.',
  problem:
    'Whoever has the key can sign releases and messages as its owner and read what was encrypted for them.',
  nextSteps: [
    'Revoke the key and publish the revocation.',
    'Check which releases and messages were signed with it.',
  ],
  severity: 'high',
  references: { reversinglabs: ['SQ34106'], cwe: ['CWE-321'] },
  uses: ['contains-pgp-private-key'],
  signals: [filePlacement],
  evaluate: (context) =>
    secretIssue(
      context,
      'contains-pgp-private-key',
      { shipped: 'high', auxiliary: 'low' },
      'PGP private key block(s)',
    ),
});
