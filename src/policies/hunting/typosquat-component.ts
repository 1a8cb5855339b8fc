import { definePolicy } from '../../catalog/define.ts';
import type { PolicyContext } from '../../catalog/types.ts';
import { formatCount } from '../../core/format-count.ts';
import type { ComponentFacts } from '../../enrich/types.ts';
import {
  componentEvidence,
  componentFactsOf,
  componentFinding,
  daysBefore,
  isoDay,
  type Judged,
  plural,
} from '../lib/component-evidence.ts';

/** A name published this long ago and still served has outlived the typical typosquat by years. */
export const ESTABLISHED_DAYS = 2 * 365;
/** Releases that show a maintained project rather than a one-off upload. */
export const ESTABLISHED_RELEASES = 10;
/** Measured weekly downloads that show real use. */
export const ESTABLISHED_WEEKLY_DOWNLOADS = 10_000;

/**
 * Why a look-alike name is an established project of its own, from registry facts; undefined when the
 * facts do not show it. Malicious typosquats are new and short-lived (registries take them down within
 * days), so a name served for years with a release history or real downloads is a neighbour, not an imitation.
 */
export function establishedBy(context: PolicyContext, facts: ComponentFacts): string | undefined {
  const now = context.enrichment?.now;
  const { registry, downloads } = facts;
  if (now === undefined || registry.status !== 'checked' || registry.facts.status !== 'exists')
    return undefined;
  const f = registry.facts;
  const age = f.firstPublishedAt === undefined ? undefined : daysBefore(f.firstPublishedAt, now);
  if (age === undefined || age < ESTABLISHED_DAYS) return undefined;
  const weekly = downloads?.status === 'checked' ? downloads.weekly : undefined;
  if (f.versionCount < ESTABLISHED_RELEASES && (weekly ?? 0) < ESTABLISHED_WEEKLY_DOWNLOADS) return undefined;
  const use =
    weekly !== undefined && weekly >= ESTABLISHED_WEEKLY_DOWNLOADS
      ? `${formatCount(weekly)} downloads last week`
      : plural(f.versionCount, 'release');
  return `first published ${isoDay(f.firstPublishedAt ?? '')}, ${use}`;
}

/** What the evidence says when the registry could not show an established package of this name. */
function uncheckedNote(facts: ComponentFacts): string {
  const lookup = facts.registry;
  if (lookup.status === 'checked') return '';
  const notRuledOut = 'so an established package of this name is not ruled out';
  switch (lookup.reason) {
    case 'offline':
      return `; offline, the registry was not asked, ${notRuledOut}`;
    case 'disabled':
      return `; the registry was not asked, ${notRuledOut} (--registry-checks asks it)`;
    case 'error':
      return `; the registry did not answer, ${notRuledOut}`;
    case 'not-registry':
    case 'not-installed':
      return '';
  }
}

export const typosquatComponent = definePolicy({
  id: 'typosquat-component',
  category: 'hunting',
  title: 'Uses a component whose name imitates a popular package.',
  description:
    'Compares each component name with the popular names of its ecosystem (PyPI top 10,000, npm high-impact ' +
    'lists) and with a public data set of known typosquat pairs: separator and homoglyph variants, added ' +
    'prefixes or suffixes, scope confusion (an unscoped name spelling out a popular scoped one, or a scope ' +
    'one or two edits from a popular scope), and one or two character edits. Names that are established ' +
    'themselves are never flagged: any name the snapshots rank (the PyPI top 15,000, every npm high-impact ' +
    'name), a name in the same npm scope as its look-alike (only the scope owner publishes there), and, when ' +
    `registry facts are available, a name first published at least ${ESTABLISHED_DAYS / 365} years before the scan with ` +
    `${ESTABLISHED_RELEASES} or more releases or ${formatCount(ESTABLISHED_WEEKLY_DOWNLOADS)} or more weekly downloads. ` +
    'Known pairs are high whatever the registry says; the other techniques, which also match honest ' +
    'look-alikes, are medium.',
  problem:
    'Typosquatting publishes malware under a name one keystroke away from a popular package and waits for ' +
    'someone to mistype an install command or a manifest entry. The imitation usually works like the original ' +
    'while it steals credentials in the background.',
  nextSteps: [
    'Check that the component really is the package you meant to use, not the popular one it resembles.',
    'If it was a typo, replace it with the intended package and treat machines that installed it as exposed.',
  ],
  severity: 'medium',
  riskLabel: 'Causes risk: impersonation of a popular package',
  references: { reversinglabs: ['TH30108'] },
  uses: [],
  evaluate: (context) => {
    const judged: Judged[] = [];
    for (const facts of componentFactsOf(context)) {
      const imitation = facts.impersonation;
      if (imitation === null) continue;
      const knownPair = imitation.technique === 'known-pair';
      if (!knownPair && establishedBy(context, facts) !== undefined) continue;
      const rank = imitation.targetRank === undefined ? '' : `, popularity rank ${imitation.targetRank}`;
      const known = imitation.knownTechnique === undefined ? '' : ` (${imitation.knownTechnique})`;
      // Without registry facts an honest neighbour cannot be told from an imitation: say how to find out.
      const unchecked = knownPair ? '' : uncheckedNote(facts);
      const how = knownPair
        ? `a known typosquat pair${known}`
        : `${imitation.technique}, edit distance ${imitation.distance}${unchecked}`;
      judged.push({
        evidence: componentEvidence(facts, `imitates ${imitation.target}${rank}: ${how}`),
        severity: knownPair ? 'high' : 'medium',
      });
    }
    return componentFinding(
      judged,
      (n) => `${plural(n, 'component')} with a name close to a popular package.`,
    );
  },
});
