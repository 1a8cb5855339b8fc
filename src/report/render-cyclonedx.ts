import { Enums, Models, Serialize, Spec } from '@cyclonedx/cyclonedx-library';
import { PackageURL } from 'packageurl-js';
import spdxExpressionParse from 'spdx-expression-parse';
import { rootRelativePath } from './fingerprint.ts';
import type { Report, ReportComponent, ReportVulnerability } from './model.ts';

/** The purl, when it is one: purl-like ids of URL or path components are not valid purls and are left out. */
function validPurl(text: string): string | undefined {
  try {
    return PackageURL.fromString(text).toString();
  } catch {
    return undefined;
  }
}

function licenseOf(text: string): Models.License {
  try {
    spdxExpressionParse(text);
    return new Models.LicenseExpression(text);
  } catch {
    return new Models.NamedLicense(text);
  }
}

const SEVERITY: Record<string, Enums.Vulnerability.Severity> = {
  critical: Enums.Vulnerability.Severity.Critical,
  high: Enums.Vulnerability.Severity.High,
  moderate: Enums.Vulnerability.Severity.Medium,
  medium: Enums.Vulnerability.Severity.Medium,
  low: Enums.Vulnerability.Severity.Low,
};

function ratingMethod(vector: string | undefined): Enums.Vulnerability.RatingMethod {
  if (vector?.startsWith('CVSS:3.1/')) return Enums.Vulnerability.RatingMethod.CVSSv31;
  if (vector?.startsWith('CVSS:3.0/')) return Enums.Vulnerability.RatingMethod.CVSSv3;
  if (vector?.startsWith('CVSS:4.0/')) return Enums.Vulnerability.RatingMethod.CVSSv4;
  if (vector?.startsWith('AV:')) return Enums.Vulnerability.RatingMethod.CVSSv2;
  return Enums.Vulnerability.RatingMethod.Other;
}

function componentOf(report: Report, component: ReportComponent): Models.Component {
  const purl = validPurl(component.purl);
  const result = new Models.Component(Enums.ComponentType.Library, component.name, {
    bomRef: component.purl,
    ...(component.version === undefined ? {} : { version: component.version }),
    ...(purl === undefined ? {} : { purl }),
    scope: component.dev ? Enums.ComponentScope.Optional : Enums.ComponentScope.Required,
  });
  const properties: [string, string][] = [
    ['assay:direct', String(component.direct)],
    ['assay:source', component.source],
    // Relative to the scanned folder: an SBOM should not carry the path of the machine that wrote it.
    ['assay:declaredIn', rootRelativePath(report.target, component.declaredIn.file)],
    [
      'assay:popularity',
      component.popularity.status === 'known'
        ? `${component.popularity.tier} (rank ${component.popularity.rank})`
        : 'unknown',
    ],
    ...(component.specifier === undefined
      ? []
      : [['assay:specifier', component.specifier] as [string, string]]),
    ...component.issues.map((issue): [string, string] => ['assay:issue', issue]),
  ];
  for (const [name, value] of properties) result.properties.add(new Models.Property(name, value));
  if (component.license !== undefined) result.licenses.add(licenseOf(component.license));
  for (const hash of component.hashes ?? [])
    result.hashes.set(Enums.HashAlgorithm[hash.algorithm], hash.value);
  return result;
}

function vulnerabilityOf(
  vulnerability: ReportVulnerability,
  refOf: (v: ReportVulnerability) => Models.BomRef | undefined,
): Models.Vulnerability.Vulnerability {
  const result = new Models.Vulnerability.Vulnerability({
    id: vulnerability.id,
    description: vulnerability.summary,
    ...(vulnerability.upgradeTo ? { recommendation: `Upgrade to ${vulnerability.upgradeTo}.` } : {}),
  });
  const severity = vulnerability.severity;
  if (severity !== undefined) {
    const label = SEVERITY[(severity.label ?? '').toLowerCase()];
    result.ratings.add(
      new Models.Vulnerability.Rating({
        ...(severity.score === undefined ? {} : { score: severity.score }),
        ...(label === undefined ? {} : { severity: label }),
        method: ratingMethod(severity.vector),
        ...(severity.vector === undefined ? {} : { vector: severity.vector }),
      }),
    );
  }
  const ref = refOf(vulnerability);
  if (ref !== undefined) {
    const affect = new Models.Vulnerability.Affect(ref);
    if (vulnerability.component.version !== undefined) {
      affect.versions.add(
        new Models.Vulnerability.AffectedSingleVersion(vulnerability.component.version, {
          status: Enums.Vulnerability.AffectStatus.Affected,
        }),
      );
    }
    result.affects.add(affect);
  }
  for (const alias of vulnerability.aliases) result.properties.add(new Models.Property('assay:alias', alias));
  result.properties.add(new Models.Property('assay:matchedOn', vulnerability.matchedOn));
  for (const fixed of vulnerability.fixedVersions)
    result.properties.add(new Models.Property('assay:fixedIn', fixed));
  return result;
}

/**
 * A CycloneDX 1.6 SBOM of the scanned package or project: its components with purls, the dependency edges that
 * are known (the root to its direct components; lockfiles as read here do not say which package pulled in a
 * transitive one), the known vulnerabilities with their ratings and affected components, and assay's verdict and
 * issues as properties.
 */
export function renderCycloneDx(report: Report): string {
  const bom = new Models.Bom();
  const { target } = report;
  const isProject = target.version === 'project';
  const root = new Models.Component(
    isProject ? Enums.ComponentType.Application : Enums.ComponentType.Library,
    target.name,
    {
      bomRef: isProject
        ? `project:${target.name}`
        : `root:${target.ecosystem}/${target.name}@${target.version}`,
      ...(isProject ? {} : { version: target.version }),
    },
  );
  if (!isProject) {
    const purl = validPurl(
      new PackageURL(target.ecosystem, undefined, target.name, target.version).toString(),
    );
    if (purl !== undefined) root.purl = purl;
  }
  if (target.artifact.sha256 !== '') root.hashes.set(Enums.HashAlgorithm['SHA-256'], target.artifact.sha256);
  if (target.license) root.licenses.add(licenseOf(target.license));
  bom.metadata.component = root;
  bom.metadata.timestamp = new Date(report.generatedAt);
  bom.metadata.tools.components.add(
    new Models.Component(Enums.ComponentType.Application, 'assay', { version: report.tool.version }),
  );
  const metadataProperties: [string, string][] = [
    ['assay:verdict', report.verdict.level],
    ['assay:complete', String(report.completeness.complete)],
    ...report.issues.map((issue): [string, string] => ['assay:issue', `${issue.id} (${issue.severity})`]),
  ];
  for (const [name, value] of metadataProperties)
    bom.metadata.properties.add(new Models.Property(name, value));

  const byPurl = new Map<string, Models.Component>();
  for (const component of report.components ?? []) {
    if (component.role === 'target' || byPurl.has(component.purl)) continue;
    const model = componentOf(report, component);
    byPurl.set(component.purl, model);
    bom.components.add(model);
    if (component.direct && model.bomRef !== undefined) root.dependencies.add(model.bomRef);
  }
  const refOf = (vulnerability: ReportVulnerability): Models.BomRef | undefined => {
    const { name, version, ecosystem } = vulnerability.component;
    for (const component of report.components ?? []) {
      if (component.ecosystem === ecosystem && component.name === name && component.version === version)
        return component.role === 'target' ? root.bomRef : byPurl.get(component.purl)?.bomRef;
    }
    return name === target.name ? root.bomRef : undefined;
  };
  for (const vulnerability of report.vulnerabilities)
    bom.vulnerabilities.add(vulnerabilityOf(vulnerability, refOf));

  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  return `${serializer.serialize(bom, { sortLists: true, space: 2 })}\n`;
}
