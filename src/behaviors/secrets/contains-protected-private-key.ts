import { defineBehavior } from '../../catalog/define.ts';
import { keyOccurrences } from '../lib/secrets/occurrences.ts';

export const containsProtectedPrivateKey = defineBehavior({
  id: 'contains-protected-private-key',
  category: 'secrets',
  ecosystems: ['pypi', 'npm'],
  title: 'Contains a private key protected by a passphrase.',
  description:
    'Finds encrypted PEM private keys: PKCS#8 "ENCRYPTED PRIVATE KEY" blocks and PKCS#1 keys with a ' +
    '"Proc-Type: 4,ENCRYPTED" header, in key files and in code strings. The evidence is masked.',
  problem:
    'The key can be attacked offline without limit; if the passphrase is also in the package, or is weak, the ' +
    'key is as good as public.',
  nextSteps: ['Replace the key where it is used.', 'Check that its passphrase is not shipped beside it.'],
  severity: 'medium',
  references: { cwe: ['CWE-321'] },
  detect: (context) => keyOccurrences(context, 'private-key', true),
});
