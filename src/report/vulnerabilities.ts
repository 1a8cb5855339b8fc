import type { Ecosystem } from '../metadata/types.ts';
import type { VulnerabilityContext } from '../vulns/types.ts';
import type { ReportVulnerability } from './model.ts';

/** The report's "Top vulnerabilities" entries for a scan's look-up (empty when there was none). */
export function reportVulnerabilities(
  context: VulnerabilityContext | undefined,
  ecosystem: Ecosystem,
): ReportVulnerability[] {
  return (context?.findings ?? []).map((finding) => ({
    id: finding.id,
    aliases: finding.aliases,
    summary: finding.summary,
    ...(finding.severity
      ? {
          severity: {
            ...(finding.severity.label ? { label: finding.severity.label } : {}),
            ...(finding.severity.score === null ? {} : { score: finding.severity.score }),
            ...(finding.severity.vector ? { vector: finding.severity.vector } : {}),
          },
        }
      : {}),
    component: {
      ecosystem,
      name: finding.component.name,
      ...(finding.component.version === undefined ? {} : { version: finding.component.version }),
      ...(finding.component.specifier === undefined ? {} : { specifier: finding.component.specifier }),
    },
    matchedOn: finding.matchedOn,
    fixedVersions: finding.fixedVersions,
    ...(finding.upgradeTo === null ? {} : { upgradeTo: finding.upgradeTo }),
    ...(finding.knownExploited === undefined ? {} : { knownExploited: finding.knownExploited }),
  }));
}
