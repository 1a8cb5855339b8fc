import { definePolicy } from '../../catalog/define.ts';
import type { ComponentFacts } from '../../enrich/types.ts';
import {
  componentEvidence,
  componentFactsOf,
  componentFinding,
  type Judged,
  plural,
} from '../lib/component-evidence.ts';

/** npm replaces a package taken down for malware with a `0.0.1-security` holding version. */
const SECURITY_PLACEHOLDER = /^0\.0\.\d+-security$/;

/**
 * A lockfile entry resolved from another registry host than the one asked is a private package, and its
 * absence from the public registry is a dependency-confusion risk (never-published-name), not a removal.
 */
export function resolvedElsewhere(facts: ComponentFacts, registry: string): boolean {
  const url = facts.component.url;
  if (url === undefined) return false;
  try {
    return new URL(url).host !== new URL(registry).host;
  } catch {
    return false;
  }
}

/**
 * A name the registry does not serve counts as removed, not as never published, when something shows it
 * existed: a lockfile pinned it from that registry, or a malicious-package record names it.
 */
export function knownToHaveExisted(facts: ComponentFacts, registry: string): boolean {
  if (resolvedElsewhere(facts, registry)) return false;
  return facts.component.locked || facts.malicious.length > 0;
}

function judge(facts: ComponentFacts): Judged | null {
  const { component, registry } = facts;
  if (component.source !== 'registry') return null;
  if (
    component.ecosystem === 'npm' &&
    component.version !== undefined &&
    SECURITY_PLACEHOLDER.test(component.version)
  )
    return {
      evidence: componentEvidence(
        facts,
        `version ${component.version} is npm's security holding placeholder`,
      ),
      severity: 'high',
    };
  if (registry.status !== 'checked') return null;
  const f = registry.facts;
  if (f.status === 'removed') {
    const why =
      f.removedReason === 'security-placeholder'
        ? 'replaced by a security holding placeholder'
        : f.removedReason === 'unpublished'
          ? 'every version was unpublished'
          : 'the name is registered but serves no version';
    return {
      evidence: componentEvidence(facts, `${f.registry}: ${why} (checked ${f.fetchedAt.slice(0, 10)})`),
      severity: f.removedReason === 'security-placeholder' ? 'high' : 'medium',
    };
  }
  if (f.status === 'not-found' && knownToHaveExisted(facts, f.registry)) {
    const known = component.locked
      ? `locked in ${component.declaredIn.file}`
      : `listed in ${facts.malicious.map((m) => m.id).join(', ')}`;
    return {
      evidence: componentEvidence(
        facts,
        `${known}, but ${f.registry} no longer serves the name (checked ${f.fetchedAt.slice(0, 10)})`,
      ),
      severity: 'medium',
    };
  }
  return null;
}

export const removedFromRegistry = definePolicy({
  id: 'removed-from-registry',
  category: 'hunting',
  title: 'Depends on a package removed from the public registry.',
  description:
    'Raised for a component whose name once existed on the registry but is gone: npm security holding ' +
    'placeholders (0.0.x-security, seen offline in the version itself), packuments whose versions were all ' +
    'unpublished or that list no version, and names the registry no longer serves although a lockfile pinned them or an OpenSSF malicious-package record lists them. ' +
    'Registry facts come from the configured registry through the cache; offline, only placeholders are seen.',
  problem:
    'Registries take packages down when they turn out to be malware, and authors unpublish them. A project ' +
    'that still refers to one either carries the removed code in a cache or lockfile, or will pull whatever ' +
    'is published under the freed name next, which is how abandoned names get hijacked.',
  nextSteps: [
    'Find out why the package was removed (registry advisory, OpenSSF record, the maintainer).',
    'Replace it with a maintained alternative and drop it from lockfiles and caches.',
    'If it was removed as malware, treat machines that installed it as compromised.',
  ],
  severity: 'high',
  riskLabel: 'Causes risk: components that no longer exist upstream',
  references: { reversinglabs: ['TH30103'] },
  uses: [],
  evaluate: (context) => {
    const judged = componentFactsOf(context).flatMap((facts) => judge(facts) ?? []);
    return componentFinding(judged, (n) => `${plural(n, 'component')} no longer served by the registry.`);
  },
});
