import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { toEvidence, uniqueEvidence } from '../../catalog/lib/evidence.ts';
import { isAuxiliary, type LocationClass } from '../../catalog/lib/location.ts';
import type { IssueFinding, Occurrence, PolicyContext, Severity } from '../../catalog/types.ts';
import { occurrencesOf } from './evidence.ts';

/**
 * Documentation files and the package descriptions built from READMEs (PKG-INFO, METADATA). TypeScript
 * declaration files (.d.ts) hold only types and their doc comments, where SDKs paste sample tokens; files named
 * as examples or samples ('sso-oidc.examples.json', 'config.sample.env') are documentation by their own name.
 */
const DOCUMENTATION_FILE =
  /(?:^|\/)(?:readme|changelog|changes|history|news|authors|contributing)[^/]*$|(?:^|\/)(?:PKG-INFO|METADATA)$|\.(?:md|markdown|rst|adoc|txt)$|\.d\.[cm]?ts$|(?:^|[/._-])(?:examples?|samples?)\.[^/]*$/i;

export function isDocumentationFile(path: string): boolean {
  return DOCUMENTATION_FILE.test(path);
}

/**
 * Test files by their own name, wherever they sit: `webhook.test.ts`, `client.spec.js`, `test_api.py`,
 * `api_test.py`. A package that ships its sources ships their tests beside them, outside any tests folder.
 */
const TEST_FILE = /(?:^|\/)[^/]+\.(?:test|spec)\.[cm]?[jt]sx?$|(?:^|\/)(?:test_[^/]+|[^/]+_test)\.py$/i;

export function isTestFile(path: string): boolean {
  return TEST_FILE.test(path);
}

/**
 * A secrets issue from the occurrences of its behaviors. Secrets in tests, docs, examples and documentation files are
 * usually test material, so when every occurrence sits there the issue takes the milder `auxiliary` severity and says so; one
 * occurrence in the package's own code or data keeps the full severity.
 */
/**
 * Shipped secrets that say by their own shape they protect little (a self-signed certificate's key): when every
 * shipped occurrence is one, the issue takes `severity` and says `why`.
 */
export interface LesserSecret {
  readonly test: (occurrence: Occurrence) => boolean;
  readonly severity: Severity;
  readonly why: string;
}

export function secretIssue(
  context: PolicyContext,
  behavior: string,
  severities: { readonly shipped: Severity; readonly auxiliary: Severity },
  what: string,
  lesser?: LesserSecret,
): IssueFinding | null {
  const occurrences = occurrencesOf(context, behavior);
  if (occurrences.length === 0) return null;
  const where = context.signal(filePlacement).locate;
  const shipped = occurrences.filter(
    (occurrence) =>
      !inAuxiliaryFolder(where, occurrence.file) &&
      !isDocumentationFile(occurrence.file) &&
      !isTestFile(occurrence.file),
  );
  const files = new Set(occurrences.map((occurrence) => occurrence.file)).size;
  const count = `${occurrences.length} ${what} in ${files} file${files === 1 ? '' : 's'}`;
  const onlyLesser = lesser !== undefined && shipped.length > 0 && shipped.every(lesser.test);
  return {
    // The package's own code first: that is what a reader must look at.
    evidence: uniqueEvidence(
      [...shipped, ...occurrences].map((occurrence) => toEvidence(behavior, occurrence)),
    ),
    detail: onlyLesser
      ? `${count}, ${lesser.why}. Not verified.`
      : shipped.length > 0
        ? `${count}. Not verified: assay never contacts a service to test a secret.`
        : `${count}, only in tests, documentation or examples (likely test material). Not verified.`,
    severity: onlyLesser ? lesser.severity : shipped.length > 0 ? severities.shipped : severities.auxiliary,
  };
}

/** A member of a nested archive ('tests/data.npz!/x.npy') sits where its outer archive sits, at any depth. */
function inAuxiliaryFolder(where: (file: string) => LocationClass, file: string): boolean {
  const layers = file.split('!/');
  return layers.some((_, index) => isAuxiliary(where(layers.slice(0, index + 1).join('!/'))));
}
