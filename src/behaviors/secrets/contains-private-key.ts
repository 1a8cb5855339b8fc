import { defineBehavior } from '../../catalog/define.ts';
import { keyOccurrences } from '../lib/secrets/occurrences.ts';

export const containsPrivateKey = defineBehavior({
  id: 'contains-private-key',
  category: 'secrets',
  ecosystems: ['pypi', 'npm'],
  title: 'Contains a private key without a passphrase.',
  description:
    'Finds PEM private keys (PKCS#1 RSA, PKCS#8, SEC1 EC and DSA) that are not encrypted and not shipped with a ' +
    'certificate, in key files and in code strings (with \\n escapes or split over lines). A marker with no key ' +
    'body after it, as in a parser, does not count, nor text after it that is not DER (a key body starts as a DER ' +
    'SEQUENCE). The evidence is masked.',
  problem:
    'A private key signs, decrypts or authenticates as its owner. Once published in a package it must be ' +
    'assumed known to anyone, and whatever it protects can be impersonated or read.',
  nextSteps: [
    'Find what the key is used for (TLS, signing, tokens) and revoke or replace it there.',
    'If it is a test key, generate it during the tests or mark it clearly, and keep it out of the published files.',
  ],
  severity: 'high',
  references: { cwe: ['CWE-321', 'CWE-798'] },
  detect: (context) => keyOccurrences(context, 'private-key', false),
});
