/**
 * A declared license as the choices it leaves a user: each choice is the set of licenses that all apply at once
 * (AND), and an OR offers several choices. `MIT OR (GPL-2.0-only AND Apache-2.0)` → [[MIT], [GPL-2.0-only,
 * Apache-2.0]]. The expression is read by spdx-expression-parse after spdx-correct mends common spellings.
 */
import { createRequire } from 'node:module';
import parse from 'spdx-expression-parse';
import { licenseSpellings, mendLicenseSpelling } from '../catalog/lib/spdx-mend.ts';

const require = createRequire(import.meta.url);
let canonical: ReadonlyMap<string, string> | undefined;
/** Every SPDX id, current and deprecated, by its lower-case spelling; read on first use (only allow/deny lists need it). */
function canonicalIds(): ReadonlyMap<string, string> {
  canonical ??= new Map(
    [
      ...(require('spdx-license-ids') as string[]),
      ...(require('spdx-license-ids/deprecated') as string[]),
    ].map((id) => [id.toLowerCase(), id]),
  );
  return canonical;
}
/** The GNU ids that SPDX 3 split in two: the old bare id means "-only". */
const ONLY_SUFFIXED = /^(A?GPL|LGPL|GFDL)-\d\.\d$/;

/** An AND of many ORs multiplies out; past this many choices the expression is judged by its first ones. */
const MAX_CHOICES = 64;

function choicesOf(node: parse.Info): string[][] {
  if ('license' in node) {
    const id = `${node.license}${node.plus ? '+' : ''}`;
    return [[node.exception ? `${id} WITH ${node.exception}` : id]];
  }
  const left = choicesOf(node.left);
  const right = choicesOf(node.right);
  if (node.conjunction === 'or') return [...left, ...right].slice(0, MAX_CHOICES);
  const out: string[][] = [];
  for (const a of left) for (const b of right) if (out.length < MAX_CHOICES) out.push([...a, ...b]);
  return out;
}

/** The choices of a declared license; text that is not SPDX (`SEE LICENSE IN …`, `UNLICENSED`) is one choice of itself. */
export function licenseChoices(declared: string): string[][] {
  const text = declared.trim();
  // The mended spelling is made only when the text is not SPDX as written (mending costs more than parsing).
  for (const attempt of licenseSpellings(text)) {
    try {
      return choicesOf(parse(attempt));
    } catch {
      // Not SPDX as written: try the corrected spelling, then fall back to the text itself.
    }
  }
  return [[text]];
}

/**
 * One spelling for a license id, so that a list entry and a declared license compare: SPDX ids by their own case,
 * old GNU ids with their "-only" meaning, `+` as "-or-later", other spellings as spdx-correct mends them, and text
 * that is none of these as itself; all in lower case.
 */
export function normalizedLicenseId(entry: string): string {
  const text = entry.trim();
  if (/\s/.test(text)) return text.toLowerCase();
  const plus = text.endsWith('+');
  const bare = plus ? text.slice(0, -1) : text;
  const known = canonicalIds().get(bare.toLowerCase());
  if (known !== undefined) {
    const modern = ONLY_SUFFIXED.test(known)
      ? `${known}-${plus ? 'or-later' : 'only'}`
      : `${known}${plus ? '+' : ''}`;
    return modern.toLowerCase();
  }
  return (mendLicenseSpelling(text) ?? text).toLowerCase();
}
