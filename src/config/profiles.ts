import { type IssueLevel, levelOfSeverity } from '../catalog/engine.ts';
import type { IssueCategory, PolicyDefinition, Severity } from '../catalog/types.ts';
import type { ProfileName } from './types.ts';

/** Code that attacks whoever installs or imports it: every profile keeps it on. */
const ATTACK_CATEGORIES: readonly IssueCategory[] = ['malware', 'tampering'];
const ATTACK_IDS: readonly string[] = ['known-malicious-component'];

interface PolicyLike {
  readonly id: string;
  readonly category: IssueCategory;
}

function isAttack(policy: PolicyLike): boolean {
  return ATTACK_CATEGORIES.includes(policy.category) || ATTACK_IDS.includes(policy.id);
}

const STRICTER: Record<Exclude<IssueLevel, 'off'>, Exclude<IssueLevel, 'off'>> = {
  info: 'warning',
  warning: 'fail',
  fail: 'fail',
};

/**
 * The level of one finding under a profile, from its policy and the severity of this finding (a finding may be
 * milder or worse than its policy's default).
 * - minimal: only attacks (malware, tampering, known-malicious components) and critical vulnerabilities, at the
 *   usual level; the rest is off. For teams that want a gate with no noise.
 * - baseline: every policy at the usual level (the verdict of a run without a config).
 * - hardened: attacks always fail; every other warning fails and every low finding warns; informational findings
 *   stay informational.
 */
export function profileLevel(profile: ProfileName, policy: PolicyLike, severity: Severity): IssueLevel {
  const usual = levelOfSeverity(severity);
  switch (profile) {
    case 'baseline':
      return usual;
    case 'minimal':
      return isAttack(policy) || policy.id === 'critical-vulnerability' ? usual : 'off';
    case 'hardened':
      if (isAttack(policy)) return 'fail';
      return severity === 'info' ? 'info' : STRICTER[usual];
  }
}

/** The documented table: each policy's level, at its default severity, under each profile. */
export function profileTable(policies: readonly PolicyDefinition[]): string {
  const rows = [...policies]
    .sort((a, b) => a.category.localeCompare(b.category) || a.id.localeCompare(b.id))
    .map(
      (policy) =>
        `| \`${policy.id}\` | ${policy.category} | ${policy.severity} | ${profileLevel('minimal', policy, policy.severity)} | ${profileLevel('baseline', policy, policy.severity)} | ${profileLevel('hardened', policy, policy.severity)} |`,
    );
  return [
    '| policy | category | default severity | minimal | baseline | hardened |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}
