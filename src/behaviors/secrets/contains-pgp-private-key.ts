import { defineBehavior } from '../../catalog/define.ts';
import { keyOccurrences } from '../lib/secrets/occurrences.ts';

export const containsPgpPrivateKey = defineBehavior({
  id: 'contains-pgp-private-key',
  category: 'secrets',
  ecosystems: ['pypi', 'npm'],
  title: 'Contains a PGP private key block.',
  description:
    'Finds ASCII-armoured PGP private key blocks ("BEGIN PGP PRIVATE KEY BLOCK") with a key body, in key files and ' +
    'in code strings. Whether the secret key packets are encrypted is not read. The evidence is masked.',
  problem:
    'A PGP private key signs releases and e-mail and decrypts what was sent to its owner. Published, it lets ' +
    'others sign in the owner’s name, including package releases.',
  nextSteps: [
    'Revoke the key with its revocation certificate and publish the revocation.',
    'Check which releases were signed with it.',
  ],
  severity: 'high',
  references: { cwe: ['CWE-321'] },
  detect: (context) => [...keyOccurrences(context, 'pgp', false), ...keyOccurrences(context, 'pgp', true)],
});
