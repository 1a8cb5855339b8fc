import { defineBehavior } from '../../catalog/define.ts';
import { keyOccurrences } from '../lib/secrets/occurrences.ts';

export const containsProtectedSshPrivateKey = defineBehavior({
  id: 'contains-protected-ssh-private-key',
  category: 'secrets',
  ecosystems: ['pypi', 'npm'],
  title: 'Contains an SSH private key protected by a passphrase.',
  description:
    'Finds OpenSSH private keys whose cipher is not "none", encrypted PuTTY key files and encrypted PEM keys in ' +
    'files named like SSH keys, in key files and in code strings. The evidence is masked.',
  problem:
    'A passphrase slows an attacker down but does not stop one: the encrypted key can be attacked offline for as ' +
    'long as it takes, and weak passphrases fall quickly.',
  nextSteps: [
    'Replace the key and remove its public half from the servers that trust it.',
    'Publish a version without the key.',
  ],
  severity: 'medium',
  references: { cwe: ['CWE-321'] },
  detect: (context) => keyOccurrences(context, 'ssh', true),
});
