import { defineBehavior } from '../../catalog/define.ts';
import { DECRYPT_CALLEES } from '../lib/apis.ts';
import { detectCalls } from '../lib/detect.ts';
import { pythonSources } from '../lib/match.ts';

/** `*.decrypt` is only read as decryption where a crypto library is imported in the same file. */
const CRYPTO_MODULES = /^(cryptography|fernet|Crypto|Cryptodome|pyaes|nacl|rsa)(\.|$)/;

export const decryptsData = defineBehavior({
  id: 'decrypts-data',
  category: 'evasion',
  ecosystems: ['pypi'],
  title: 'Decrypts data with a key found in the code.',
  description:
    'Finds Fernet, AES and similar decryption calls: the decrypt method in files that import a crypto library ' +
    '(cryptography, fernet, Crypto, Cryptodome, pyaes, nacl) and cipher constructors.',
  problem:
    'Encrypting a payload with a key that ships beside it protects nothing, except from the eyes of a reviewer or ' +
    'scanner. Malicious setup scripts decrypt a Fernet token and pass the result straight to exec.',
  nextSteps: [
    'Check what is decrypted and where the key comes from; decrypt it offline if the key is in the code.',
  ],
  severity: 'low',
  references: { mitreAttack: ['T1140', 'T1027'] },
  detect: (context) => {
    const cryptoFiles = new Set(
      pythonSources(context)
        .filter((source) => source.imports.some((fact) => CRYPTO_MODULES.test(fact.module)))
        .map((source) => source.file),
    );
    return detectCalls(context, [
      { callees: DECRYPT_CALLEES },
      { callees: ['*.decrypt'], when: (call) => cryptoFiles.has(call.file) },
    ]);
  },
});
