import { parseRequirement } from '../../metadata/pep508.ts';
import type { Component } from './types.ts';
import { pep440Exact, pep503, pythonUrlSource } from './util.ts';

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

export interface Pep508ComponentOptions {
  /** The version a `name @ url` requirement pins, read from its URL (requirements files name archives). */
  readonly versionOfUrl?: (url: string) => string | undefined;
  /** pip's `--hash` values. */
  readonly hashes?: readonly string[];
}

/** A PEP 508 requirement string declared in a manifest, as a component; null when it does not parse. */
export function pep508Component(
  raw: string,
  file: string,
  line: number | undefined,
  dev: boolean,
  options: Pep508ComponentOptions = {},
): Component | null {
  const req = parseRequirementString(raw);
  if (req === null) return null;
  const version = req.url === undefined ? pep440Exact(req.specifier) : options.versionOfUrl?.(req.url);
  return {
    ecosystem: 'pypi',
    name: req.name,
    normalizedName: pep503(req.name),
    ...(version === undefined ? {} : { version }),
    ...(req.specifier === '' ? {} : { specifier: req.specifier }),
    pinned: version !== undefined,
    source: req.url === undefined ? 'registry' : pythonUrlSource(req.url),
    ...(req.url === undefined ? {} : { url: req.url }),
    ...(options.hashes === undefined ? {} : { hashes: options.hashes }),
    ...(req.marker === undefined ? {} : { marker: req.marker }),
    ...(req.extras.length === 0 ? {} : { extras: req.extras }),
    dev,
    direct: true,
    declaredIn: line === undefined ? { file } : { file, line },
  };
}
