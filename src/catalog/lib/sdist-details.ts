/**
 * How an occurrence of a build requirement that an sdist's PKG-INFO does not declare begins its detail: written by
 * the behavior (src/behaviors/lib/integrity/sdist-metadata.ts), matched by the policy failed-integrity-check.
 */
export const HIDDEN_REQUIREMENT = 'requirement hidden from PKG-INFO';
