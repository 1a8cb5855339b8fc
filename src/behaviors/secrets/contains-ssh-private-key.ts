import { defineBehavior } from '../../catalog/define.ts';
import { keyOccurrences } from '../lib/secrets/occurrences.ts';

export const containsSshPrivateKey = defineBehavior({
  id: 'contains-ssh-private-key',
  category: 'secrets',
  ecosystems: ['pypi', 'npm'],
  title: 'Contains an SSH private key without a passphrase.',
  description:
    'Finds OpenSSH private keys (openssh-key-v1 with the cipher "none"), PuTTY key files without encryption, and ' +
    'PEM private keys in files named like SSH keys (id_rsa, id_ed25519, ssh_host_*_key), in key files and in code ' +
    'strings. An OpenSSH key cut off before its private part (a help text showing its first line) does not count. ' +
    'The evidence shows the first and last four characters of the key only.',
  problem:
    'Anyone who downloads the package holds the key and can log in wherever its public half is authorised. A key ' +
    'without a passphrase works as it is.',
  nextSteps: [
    'Treat the key as compromised: remove its public half from every authorized_keys file and server that trusts it.',
    'Publish a version without the key; removing it from later versions does not take it back from earlier ones.',
  ],
  severity: 'high',
  references: { cwe: ['CWE-321', 'CWE-798'] },
  detect: (context) => keyOccurrences(context, 'ssh', false),
});
