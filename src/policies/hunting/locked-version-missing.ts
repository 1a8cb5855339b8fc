import * as pep440 from '@renovatebot/pep440';
import semver from 'semver';
import { definePolicy } from '../../catalog/define.ts';
import type { ComponentFacts } from '../../enrich/types.ts';
import type { Ecosystem } from '../../metadata/types.ts';
import {
  componentEvidence,
  componentFactsOf,
  componentFinding,
  isoDay,
  type Judged,
  plural,
} from '../lib/component-evidence.ts';

/** npm's holding version for a package taken down as malware: removed-from-registry reports it. */
const SECURITY_PLACEHOLDER = /^0\.0\.\d+-security$/;

function sameVersion(ecosystem: Ecosystem, a: string, b: string): boolean {
  if (a === b) return true;
  try {
    if (ecosystem === 'pypi')
      return pep440.valid(a) !== null && pep440.valid(b) !== null && pep440.compare(a, b) === 0;
    const va = semver.valid(a, { loose: true });
    const vb = semver.valid(b, { loose: true });
    return va !== null && vb !== null && semver.eq(va, vb);
  } catch {
    return false;
  }
}

function judge(facts: ComponentFacts): Judged | null {
  const { component, registry } = facts;
  const version = component.version;
  if (component.source !== 'registry' || component.role !== 'dependency') return null;
  if (version === undefined || !component.pinned || SECURITY_PLACEHOLDER.test(version)) return null;
  if (registry.status !== 'checked' || registry.facts.status !== 'exists') return null;
  const f = registry.facts;
  const listed = Object.keys(f.versionTimes);
  // The facts keep the newest 1,000 dated versions; when some version is missing from them (a long
  // history, or versions the registry does not date), absence from the list proves nothing.
  if (listed.length === 0 || listed.length !== f.versionCount) return null;
  if (listed.some((v) => sameVersion(component.ecosystem, v, version))) return null;
  const latest = f.latestVersion === undefined ? '' : `, latest ${f.latestVersion}`;
  const where = component.locked
    ? `locked in ${component.declaredIn.file}`
    : `pinned in ${component.declaredIn.file}`;
  return {
    evidence: componentEvidence(
      facts,
      `${where}, but ${f.registry} lists ${plural(f.versionCount, 'version')} without it${latest} (checked ${isoDay(f.fetchedAt)})`,
    ),
    // A lockfile records what was installed, so its version was served once and has since been taken
    // down; an exact pin in a manifest may also never have existed (a typo), which is worth less.
    severity: component.locked ? 'medium' : 'low',
  };
}

export const lockedVersionMissing = definePolicy({
  id: 'locked-version-missing',
  category: 'hunting',
  title: 'Pins a component version the registry no longer serves.',
  description:
    'Raised for a dependency whose exact version (from a lockfile, or an exact pin in a manifest) is not ' +
    'among the versions the registry lists, while the name itself is still served. The registry facts keep ' +
    'the newest 1,000 dated versions; when the registry has more versions than that list holds, nothing is ' +
    'claimed. A locked version is medium (it was installed, so it was removed since); an exact manifest pin ' +
    'is low (it may never have existed). npm security placeholders and removed names are reported by ' +
    'removed-from-registry; offline, nothing is checked.',
  problem:
    'Registries remove single versions when they turn out to be malicious (a hijacked maintainer account ' +
    'pushing a bad release is the usual story) or when their author unpublishes them. A lockfile that still ' +
    'pins such a version points at code nobody can fetch or review any more, and caches or mirrors may still ' +
    'hand out the removed files.',
  nextSteps: [
    'Look up why the version was removed (registry advisories, the OpenSSF malicious-packages list, the project’s changelog).',
    'Move to a version the registry serves and regenerate the lockfile.',
    'If the removed version was malicious, treat machines that installed it as compromised.',
  ],
  severity: 'medium',
  riskLabel: 'Causes risk: pinned code that no longer exists upstream',
  references: { reversinglabs: ['TH30103'] },
  uses: [],
  evaluate: (context) => {
    const judged = componentFactsOf(context).flatMap((facts) => judge(facts) ?? []);
    return componentFinding(
      judged,
      (n) => `${plural(n, 'component')} pinned to a version the registry does not serve.`,
    );
  },
});
