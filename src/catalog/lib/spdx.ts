/**
 * Declared licenses as SPDX expressions: parsed by spdx-expression-parse after spdx-correct has mended common
 * spellings ('Apache 2.0', 'GPLv3'), and judged by what the licenses ask of a user. An OR lets the user pick the
 * least demanding alternative; an AND imposes every operand.
 */
import { createRequire } from 'node:module';
import parse from 'spdx-expression-parse';
import { licenseSpellings } from './spdx-mend.ts';

const require = createRequire(import.meta.url);
const LICENSE_IDS = new Set(require('spdx-license-ids') as string[]);

export type LicenseFamily = 'strong-copyleft' | 'weak-copyleft' | 'permissive' | 'other';
export type Restriction =
  | 'commercial-use'
  | 'distribution'
  | 'production-use'
  | 'modification'
  | 'patent-grant';

const STRONG = /^(A?GPL-|SSPL-|OSL-|EUPL-|CPAL-|RPL-|Sleepycat$|CC-BY-SA-|CC-BY-NC-SA-|QPL-|Parity-|RPSL-)/;
const WEAK = /^(LGPL-|MPL-|EPL-|CDDL-|CPL-|MS-RL$|APSL-|ErlPL-|CECILL-C|OFL-)/;
const PERMISSIVE =
  /^(MIT|MIT-0|ISC|0BSD|BSD-|Apache-|Unlicense$|CC0-1\.0$|Zlib$|PSF-2\.0$|Python-2\.0|BlueOak-|WTFPL$|BSL-1\.0$|Artistic-2\.0$|X11$|NCSA$|UPL-1\.0$|CC-BY-[0-9]|MIT-CMU$|HPND$|Unicode-)/;

/** What each license withholds, when it withholds something a user may need. */
const RESTRICTIONS: readonly [RegExp, Restriction][] = [
  [/^(CC-BY-NC-|PolyForm-Noncommercial-|PolyForm-Small-Business-|NCGL-)/, 'commercial-use'],
  [/^(PolyForm-Internal-Use-|CC-BY-NC-ND-)/, 'distribution'],
  [/^(BUSL-|SSPL-|Elastic-|PolyForm-Shield-|PolyForm-Perimeter-)/, 'production-use'],
  [/^(CC-BY-ND-|CC-BY-NC-ND-)/, 'modification'],
  [/^(BSD-3-Clause-Clear$)/, 'patent-grant'],
];

export interface LicenseReading {
  /** The expression as SPDX understands it, after correction, or null when it could not be read. */
  readonly expression: string | null;
  /** The license ids named, in order. */
  readonly ids: readonly string[];
  /** The demand of the expression: the least demanding choice an OR allows. */
  readonly family: LicenseFamily;
  readonly restrictions: readonly Restriction[];
  /** Ids that SPDX does not list (LicenseRef-…, unknown names). */
  readonly unknown: readonly string[];
}

type Node = parse.Info;

function familyOf(id: string): LicenseFamily {
  if (STRONG.test(id)) return 'strong-copyleft';
  if (WEAK.test(id)) return 'weak-copyleft';
  if (PERMISSIVE.test(id)) return 'permissive';
  return 'other';
}

const FAMILY_RANK: Record<LicenseFamily, number> = {
  permissive: 0,
  'weak-copyleft': 1,
  'strong-copyleft': 2,
  other: 3,
};

interface Judged {
  readonly family: LicenseFamily;
  readonly restrictions: ReadonlySet<Restriction>;
  readonly ids: readonly string[];
}

function judge(node: Node): Judged {
  if ('license' in node) {
    const restrictions = new Set(
      RESTRICTIONS.filter(([pattern]) => pattern.test(node.license)).map(([, r]) => r),
    );
    return { family: familyOf(node.license), restrictions, ids: [node.license] };
  }
  const left = judge(node.left);
  const right = judge(node.right);
  const ids = [...left.ids, ...right.ids];
  if (node.conjunction === 'and') {
    return {
      family: FAMILY_RANK[left.family] >= FAMILY_RANK[right.family] ? left.family : right.family,
      restrictions: new Set([...left.restrictions, ...right.restrictions]),
      ids,
    };
  }
  // OR: the user may choose; the easier side wins (fewer restrictions first, then the milder family).
  const easier =
    left.restrictions.size !== right.restrictions.size
      ? left.restrictions.size < right.restrictions.size
        ? left
        : right
      : FAMILY_RANK[left.family] <= FAMILY_RANK[right.family]
        ? left
        : right;
  return { ...easier, ids };
}

/** Reads a declared license; null expression when neither the text nor its corrected form is SPDX. */
export function readLicense(declared: string): LicenseReading {
  const text = declared.trim();
  // The mended spelling is made only when the text is not SPDX as written (mending costs more than parsing).
  for (const attempt of licenseSpellings(text)) {
    let tree: Node;
    try {
      tree = parse(attempt);
    } catch {
      continue;
    }
    const judged = judge(tree);
    return {
      expression: attempt,
      ids: judged.ids,
      family: judged.family,
      restrictions: [...judged.restrictions],
      unknown: judged.ids.filter((id) => !LICENSE_IDS.has(id)),
    };
  }
  return { expression: null, ids: [], family: 'other', restrictions: [], unknown: [text] };
}
