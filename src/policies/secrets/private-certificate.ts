import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { secretIssue } from '../lib/secret-evidence.ts';

/** The words contains-private-certificate puts in the detail of a bundle whose certificates all sign themselves. */
const SELF_SIGNED = 'self-signed certificate';

export const privateCertificate = definePolicy({
  id: 'private-certificate',
  category: 'secrets',
  riskLabel: 'Causes risk: impersonation of a certified identity',
  title: 'Publishes a certificate together with its private key.',
  description:
    "Raised when the package ships a PKCS#12 bundle or a PEM file with a certificate and its private key (contains-private-certificate); at low severity when only in tests, documentation or examples, and at medium when every certificate shipped with a key is self-signed (no authority vouches for it: its key passes only where that very certificate is pinned, as a package's own local test server).",
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
      {
        test: (occurrence) => occurrence.detail?.includes(SELF_SIGNED) ?? false,
        severity: 'medium',
        why: 'every certificate self-signed (a local or test server; no authority vouches for it)',
      },
    ),
});
