import { definePolicy } from '../../catalog/define.ts';
import type { PolicyContext } from '../../catalog/types.ts';
import type { ComponentFacts } from '../../enrich/types.ts';
import { resolveSpecifier } from '../../enrich/versions.ts';
import {
  componentEvidence,
  componentFactsOf,
  componentFinding,
  daysBefore,
  isoDay,
  type Judged,
  plural,
} from '../lib/component-evidence.ts';

/** A package name first published this recently is new (TH30105). */
export const NEW_PACKAGE_DAYS = 30;
/** A version published this recently has had little time to be noticed if it is bad. */
export const NEW_VERSION_DAYS = 14;

function judge(context: PolicyContext, facts: ComponentFacts): Judged | null {
  const { component, registry } = facts;
  const now = context.enrichment?.now;
  if (now === undefined || registry.status !== 'checked' || registry.facts.status !== 'exists') return null;
  const f = registry.facts;
  if (f.firstPublishedAt !== undefined) {
    const days = daysBefore(f.firstPublishedAt, now);
    if (days !== undefined && days >= 0 && days < NEW_PACKAGE_DAYS)
      return {
        evidence: componentEvidence(
          facts,
          `first published ${isoDay(f.firstPublishedAt)}, ${plural(days, 'day')} before this scan (${f.registry})`,
        ),
        severity: 'medium',
      };
  }
  const pinned = component.version !== undefined && component.pinned;
  // A range is judged by the version it installs today, not by the newest release, which it may exclude.
  const version = pinned
    ? component.version
    : resolveSpecifier(
        component.ecosystem,
        component.specifier ?? '',
        Object.keys(f.versionTimes),
        f.latestVersion,
      );
  const at = version === undefined ? undefined : f.versionTimes[version];
  if (version === undefined || at === undefined) return null;
  const days = daysBefore(at, now);
  if (days === undefined || days < 0 || days >= NEW_VERSION_DAYS) return null;
  const which = pinned ? `version ${version}` : `version ${version} (what the range installs today)`;
  return {
    evidence: componentEvidence(
      facts,
      `${which} published ${isoDay(at)}, ${plural(days, 'day')} before this scan (${f.registry})`,
    ),
    severity: 'low',
  };
}

export const recentlyPublishedComponent = definePolicy({
  id: 'recently-published-component',
  category: 'hunting',
  title: 'Uses a component published only recently.',
  description:
    `Uses registry publish times: medium when the package itself was first published less than ${NEW_PACKAGE_DAYS} ` +
    `days before the scan, low when only the version in use (for a range, the newest version it admits, or the latest release when the range admits it) is less than ` +
    `${NEW_VERSION_DAYS} days old. Needs registry facts; offline or without registry checks it is not evaluated.`,
  problem:
    'Most malicious packages are caught and removed within days of their upload, and hijacked accounts push ' +
    'bad versions of trusted packages. Using something that appeared only days ago means relying on code that ' +
    'nobody has had time to look at.',
  nextSteps: [
    'Wait a few days before adopting new packages or versions (a minimum release age in the installer helps).',
    'Compare the new version with the previous one and with its source repository.',
  ],
  severity: 'medium',
  riskLabel: 'Causes risk: code nobody has had time to review',
  references: { reversinglabs: ['TH30105'] },
  uses: [],
  evaluate: (context) => {
    const judged = componentFactsOf(context).flatMap((facts) => judge(context, facts) ?? []);
    return componentFinding(judged, (n) => `${plural(n, 'component')} published recently.`);
  },
});
