/** Secrets findings as behavior occurrences: location, masked snippet and a note that says "not verified". */
import type { DetectionContext, Occurrence } from '../../../catalog/types.ts';
import { locatedDetail, MAX_OCCURRENCES } from '../occurrence.ts';
import type { KeyFamily } from './keys.ts';
import { type SecretFinding, secretFindings } from './scan.ts';
import type { CredentialKind } from './tokens.ts';

function toOccurrence(finding: SecretFinding, note: string): Occurrence {
  return {
    file: finding.file,
    line: finding.line,
    column: finding.column,
    snippet: finding.snippet,
    detail: locatedDetail(finding.file, note),
  };
}

export function keyOccurrences(
  context: DetectionContext,
  family: KeyFamily,
  protectedByPassphrase: boolean,
): Occurrence[] {
  return secretFindings(context.snapshot)
    .flatMap((finding) =>
      finding.type === 'key' &&
      finding.block.family === family &&
      finding.block.protectedByPassphrase === protectedByPassphrase
        ? [
            toOccurrence(
              finding,
              `${finding.block.label}${finding.inCode ? ' written into code' : ''}, ${
                protectedByPassphrase ? 'protected by a passphrase' : 'not protected by a passphrase'
              }`,
            ),
          ]
        : [],
    )
    .slice(0, MAX_OCCURRENCES);
}

/** Certificates shipped with their private key: PKCS#12 bundles and PEM files holding both. */
export function certificateBundleOccurrences(context: DetectionContext): Occurrence[] {
  return secretFindings(context.snapshot)
    .flatMap((finding) => {
      if (finding.type === 'pkcs12')
        return [toOccurrence(finding, 'PKCS#12 bundle of certificate and private key')];
      if (finding.type === 'key' && finding.block.family === 'certificate-bundle')
        return [
          toOccurrence(
            finding,
            `${finding.block.selfSigned ? 'self-signed certificate' : 'certificate'} with its ${finding.block.label}${finding.block.protectedByPassphrase ? ', protected by a passphrase' : ''}`,
          ),
        ];
      return [];
    })
    .slice(0, MAX_OCCURRENCES);
}

export function credentialOccurrences(context: DetectionContext, kind: CredentialKind): Occurrence[] {
  return secretFindings(context.snapshot)
    .flatMap((finding) =>
      finding.type === 'credential' && finding.kind === kind
        ? [
            toOccurrence(
              finding,
              `${finding.service}${finding.note ? `, ${finding.note}` : ''}; not verified`,
            ),
          ]
        : [],
    )
    .slice(0, MAX_OCCURRENCES);
}

export function urlCredentialOccurrences(context: DetectionContext): Occurrence[] {
  return secretFindings(context.snapshot)
    .flatMap((finding) =>
      finding.type === 'url-credentials'
        ? [
            toOccurrence(
              finding,
              `user and password in a ${finding.scheme} URL to ${finding.host}; not verified`,
            ),
          ]
        : [],
    )
    .slice(0, MAX_OCCURRENCES);
}

export function placeholderOccurrences(context: DetectionContext): Occurrence[] {
  return secretFindings(context.snapshot)
    .flatMap((finding) =>
      finding.type === 'placeholder' ? [toOccurrence(finding, `${finding.service}: ${finding.reason}`)] : [],
    )
    .slice(0, MAX_OCCURRENCES);
}
