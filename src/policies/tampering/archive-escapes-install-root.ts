import { posix } from 'node:path';
import { definePolicy } from '../../catalog/define.ts';
import { uniqueEvidence } from '../../catalog/lib/evidence.ts';
import type { Occurrence } from '../../catalog/types.ts';
import { topLevelEvidence } from '../lib/archive-evidence.ts';

/** The link target of an archive-link-member occurrence ('member -> target'). */
function linkTarget(occurrence: Occurrence): string | undefined {
  const arrow = occurrence.snippet.indexOf(' -> ');
  return arrow < 0 ? undefined : occurrence.snippet.slice(arrow + 4);
}

/** A link whose target is absolute or climbs above the folder the package is unpacked into. */
export function linkLeavesRoot(occurrence: Occurrence): boolean {
  const target = linkTarget(occurrence);
  if (target === undefined) return false;
  if (target.startsWith('/') || /^[A-Za-z]:[\\/]/.test(target) || target.startsWith('\\')) return true;
  const member = (occurrence.field ?? '').replace(/\\/g, '/');
  const resolved = posix.normalize(posix.join(posix.dirname(member), target.replace(/\\/g, '/')));
  return resolved === '..' || resolved.startsWith('../');
}

export const archiveEscapesInstallRoot = definePolicy({
  id: 'archive-escapes-install-root',
  category: 'tampering',
  riskLabel: 'Causes risk: files written outside the install folder',
  title: 'Ships archive members or links that point outside the folder it is unpacked into.',
  description:
    'Fires when a member of the artifact itself is named with an absolute path, a drive letter or `..` ' +
    'segments that climb out of the unpack folder, or when a link member points to an absolute path or ' +
    'above the package root (for example to /etc/passwd). Members of archives nested inside the package are ' +
    'left to the behaviors: installers do not unpack those.',
  problem:
    'Installers and extractors that trust member names write wherever a name points: an old pip, a hand-run ' +
    'unzip or a CI cache step would overwrite a shell profile, a cron entry or another package. A link to a ' +
    'system file lets a later write or read go through it. No build tool makes such members; they are ' +
    'written by hand, against the people who unpack the package.',
  nextSteps: [
    'Do not unpack or install the artifact; report it to the registry.',
    'Check machines where it was unpacked for the files its members name.',
  ],
  severity: 'high',
  references: { cwe: ['CWE-22', 'CWE-59'] },
  uses: ['archive-path-traversal', 'archive-link-member'],
  evaluate: (context) => {
    const evidence = uniqueEvidence([
      ...topLevelEvidence(context, 'archive-path-traversal'),
      ...topLevelEvidence(context, 'archive-link-member', linkLeavesRoot),
    ]);
    if (evidence.length === 0) return null;
    return { evidence, detail: 'Archive members point outside the folder the package is unpacked into.' };
  },
});
