import { parseRequirement } from '../../metadata/pep508.ts';

/** One PEP 508 requirement split into the parts a component needs. */
export interface ParsedRequirement {
  readonly name: string;
  readonly extras: readonly string[];
  /** Version specifier ('' when none). */
  readonly specifier: string;
  readonly marker?: string;
  readonly url?: string;
}

/**
 * Parses one PEP 508 string (`name[extra]>=1; marker`, `name @ url ; marker`); null when it is not one.
 * pip-only syntax (options, bare URLs, `-e`) is the caller's business.
 */
export function parseRequirementString(text: string): ParsedRequirement | null {
  const req = parseRequirement(text);
  if (req === null) return null;
  return {
    name: req.name,
    extras: req.extras,
    specifier: req.specifier,
    ...(req.marker === undefined ? {} : { marker: req.marker }),
    ...(req.url === undefined ? {} : { url: req.url }),
  };
}
