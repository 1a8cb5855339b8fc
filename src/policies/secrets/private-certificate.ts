import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { secretIssue } from '../lib/secret-evidence.ts';

export const privateCertificate = definePolicy({
  id: 'private-certificate',
  category: 'secrets',
  riskLabel: 'Causes risk: impersonation of a certified identity',
  title: 'Publishes a certificate together with its private key.',
  description:
    'Raised when the package ships a PKCS#12 bundle or a PEM file with a certificate and its private key (contains-private-certificate); at low severity when only in tests, documentation or examples.',
  problem:
    'The holder of the file can present the certified identity, a server, a client or a code signer, until the certificate is revoked.',
  nextSteps: ['Revoke the certificate with its issuer.', 'Publish a version without the file.'],
  severity: 'high',
  references: { reversinglabs: ['SQ34107'], cwe: ['CWE-321'] },
  uses: ['contains-private-certificate'],
  signals: [filePlacement],
  evaluate: (context) =>
    secretIssue(
      context,
      'contains-private-certificate',
      { shipped: 'high', auxiliary: 'low' },
      'certificate(s) with their private key',
    ),
});
