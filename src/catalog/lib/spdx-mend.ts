/**
 * spdx-correct, loaded on first use. Building its tables takes about 15 ms (it sorts hundreds of spelling
 * transpositions when it is loaded), and most packages declare a license that is SPDX as written, so a scan
 * that never needs a spelling mended never pays for it.
 */
import { createRequire } from 'node:module';

type Correct = (text: string, options: { upgrade: boolean }) => string | null;

const require = createRequire(import.meta.url);
let correct: Correct | undefined;

/** The SPDX spelling spdx-correct makes of a license text (old GNU ids upgraded), or null when it has none. */
export function mendLicenseSpelling(text: string): string | null {
  correct ??= require('spdx-correct') as Correct;
  return correct(text, { upgrade: true });
}

/**
 * The spellings of a declared license to read, in order: the text as written, then (only when the caller asks for
 * more, i.e. the text was not SPDX) the spelling spdx-correct mends it into. Empty candidates are left out.
 */
export function* licenseSpellings(text: string): Generator<string> {
  if (text !== '') yield text;
  const mended = mendLicenseSpelling(text) ?? '';
  if (mended !== '') yield mended;
}
