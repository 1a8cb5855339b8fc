import { definePolicy } from '../../catalog/define.ts';
import { toEvidence, uniqueEvidence } from '../../catalog/lib/evidence.ts';
import { HIDDEN_REQUIREMENT } from '../../catalog/lib/sdist-details.ts';
import type { Occurrence } from '../../catalog/types.ts';
import { occurrencesOf } from '../lib/evidence.ts';

const CODE_FILE = /\.(py|pyw|pth|js|mjs|cjs|sh)$/i;

/** An sdist whose build would install something its PKG-INFO does not say. */
function sdistFinding(occurrences: readonly Occurrence[]) {
  const hidden = occurrences.filter((occurrence) => occurrence.detail?.startsWith(HIDDEN_REQUIREMENT));
  return {
    evidence: uniqueEvidence(
      [...hidden, ...occurrences].map((occurrence) =>
        toEvidence('sdist-metadata-contradicts-build', occurrence),
      ),
    ),
    detail:
      `PKG-INFO and the build metadata disagree in ${occurrences.length} place${occurrences.length === 1 ? '' : 's'}` +
      (hidden.length > 0 ? `; the build adds ${hidden.length} requirement(s) PKG-INFO hides.` : '.'),
    severity: hidden.length > 0 ? ('high' as const) : ('medium' as const),
  };
}

export const failedIntegrityCheck = definePolicy({
  id: 'failed-integrity-check',
  category: 'integrity',
  riskLabel: 'Causes risk: content changed after it was built',
  title: 'Contains files that fail the package’s own integrity data.',
  description:
    'Raised when a wheel’s files do not match its RECORD: a changed hash or size, a listed file that is missing, ' +
    'or a file RECORD does not list (wheel-record-mismatch). High when code (.py, .pth, .js, shell scripts) was ' +
    'changed or added; medium when only binaries, data or license files differ or are missing, which is what ' +
    'repackagers do when they strip libraries and prune files. Also raised when an sdist’s PKG-INFO contradicts ' +
    'the metadata its build produces (sdist-metadata-contradicts-build): high when the build adds an ' +
    'unconditional requirement that PKG-INFO hides, medium for a differing name, version or other requirement. ' +
    'And, always high, when a local npm tarball’s bytes differ from the registry’s digests of that version ' +
    '(tarball-differs-from-registry).',
  problem:
    'The package is not what its build produced. Tampering after the build is how a trusted release can carry ' +
    'code its authors never wrote.',
  nextSteps: [
    'Compare the package with a build from the project’s sources.',
    'Do not install it until the differences are explained.',
  ],
  severity: 'high',
  references: { reversinglabs: ['SQ25104'], cwe: ['CWE-354'] },
  uses: ['wheel-record-mismatch', 'sdist-metadata-contradicts-build', 'tarball-differs-from-registry'],
  evaluate: (context) => {
    const tarball = occurrencesOf(context, 'tarball-differs-from-registry');
    if (tarball.length > 0) {
      return {
        evidence: uniqueEvidence(
          tarball.map((occurrence) => toEvidence('tarball-differs-from-registry', occurrence)),
        ),
        detail: 'The tarball’s bytes differ from the digests the registry publishes for this version.',
        severity: 'high' as const,
      };
    }
    const sdist = occurrencesOf(context, 'sdist-metadata-contradicts-build');
    const occurrences = occurrencesOf(context, 'wheel-record-mismatch');
    if (occurrences.length === 0) return sdist.length === 0 ? null : sdistFinding(sdist);
    // The snippet is the wheel path; a missing file cannot carry new code.
    const code = occurrences.filter(
      (occurrence) =>
        CODE_FILE.test(occurrence.snippet) &&
        !/listed in RECORD but not in the wheel/.test(occurrence.detail ?? ''),
    );
    return {
      evidence: uniqueEvidence(
        [...code, ...occurrences].map((occurrence) => toEvidence('wheel-record-mismatch', occurrence)),
      ),
      detail:
        `${occurrences.length} file${occurrences.length === 1 ? '' : 's'} disagree with RECORD` +
        (code.length > 0 ? `, ${code.length} of them code.` : '; no code file was changed or added.'),
      severity: code.length > 0 ? 'high' : 'medium',
    };
  },
});
