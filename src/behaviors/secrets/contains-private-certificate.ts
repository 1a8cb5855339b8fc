import { defineBehavior } from '../../catalog/define.ts';
import { certificateBundleOccurrences } from '../lib/secrets/occurrences.ts';

export const containsPrivateCertificate = defineBehavior({
  id: 'contains-private-certificate',
  category: 'secrets',
  ecosystems: ['pypi', 'npm'],
  title: 'Contains a certificate together with its private key.',
  description:
    'Finds PKCS#12 files (.p12, .pfx, recognised by their DER header) and PEM files that hold a certificate and a ' +
    'private key together. Certificates alone (CA bundles) do not count. The detail says when every certificate ' +
    'in the file signs itself. The evidence is masked.',
  problem:
    'A certificate with its key is an identity: a TLS server, a client allowed into a service, or a code signer. ' +
    'Whoever has the file can act as that identity until the certificate is revoked.',
  nextSteps: [
    'Revoke the certificate with its issuer and issue a new one.',
    'Publish a version without the file.',
  ],
  severity: 'high',
  references: { cwe: ['CWE-321', 'CWE-798'] },
  detect: certificateBundleOccurrences,
});
