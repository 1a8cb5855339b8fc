/**
 * An sdist carries two statements of what it builds: PKG-INFO, which pip and indexes read without building, and
 * pyproject.toml's [project] table, which the build backend turns into the wheel's METADATA. Core metadata 2.2
 * (PEP 643) makes PKG-INFO a promise: a field not marked `Dynamic` is exactly what every wheel built from the sdist
 * will say. Name and version may never be dynamic. This reads the two and lists where they disagree.
 */
import { eq as pep440Equal, valid as pep440Valid } from '@renovatebot/pep440';
import { parse as parseToml } from 'smol-toml';
import type { PackageFile } from '../../../artifacts/types.ts';
import { HIDDEN_REQUIREMENT } from '../../../catalog/lib/sdist-details.ts';
import { normalizePypiName } from '../../../metadata/pep508.ts';
import { coreMetadataContribution, parseCoreMetadata } from '../../../metadata/python/core-metadata.ts';
import { pyprojectContribution } from '../../../metadata/python/pyproject.ts';

/** How the detail of a runtime requirement that only the build knows begins; the integrity policy weighs it. */

export interface SdistContradiction {
  readonly field: 'name' | 'version' | 'requirement';
  /** Where the build metadata says it: pyproject.toml and its line. */
  readonly file: string;
  readonly line?: number;
  readonly snippet: string;
  readonly detail: string;
  /** A runtime requirement that the build adds and PKG-INFO does not declare. */
  readonly hiddenRequirement: boolean;
}

/** A PKG-INFO at the root of the sdist (`name-1.0/PKG-INFO`), not the copy inside an .egg-info folder. */
function rootPkgInfo(files: readonly PackageFile[]): PackageFile | undefined {
  return files.find((file) => /^([^/]+\/)?PKG-INFO$/.test(file.path));
}

function metadataVersion(fields: readonly { key: string; value: string }[]): number {
  const raw = fields.find((field) => field.key.toLowerCase() === 'metadata-version')?.value ?? '';
  const [major = 0, minor = 0] = raw.split('.').map((part) => Number.parseInt(part, 10) || 0);
  return major + minor / 10;
}

function sameVersion(a: string, b: string): boolean {
  if (a === b) return true;
  return pep440Valid(a) !== null && pep440Valid(b) !== null && pep440Equal(a, b);
}

function dynamicOf(text: string): Set<string> | undefined {
  try {
    const project = (parseToml(text) as { project?: { dynamic?: unknown } }).project;
    if (project === undefined) return undefined;
    return new Set(
      Array.isArray(project.dynamic) ? project.dynamic.map((item) => String(item).toLowerCase()) : [],
    );
  } catch {
    // A pyproject.toml that does not parse is reported by the metadata reader, not here.
    return undefined;
  }
}

export function sdistContradictions(files: readonly PackageFile[]): SdistContradiction[] {
  const pkgInfo = rootPkgInfo(files);
  if (pkgInfo === undefined) return [];
  const root = pkgInfo.path.slice(0, pkgInfo.path.length - 'PKG-INFO'.length);
  const pyproject = files.find((file) => file.path === `${root}pyproject.toml`);
  if (pyproject === undefined) return [];
  const pyprojectText = pyproject.data.toString('utf8');
  const dynamic = dynamicOf(pyprojectText);
  if (dynamic === undefined) return [];
  const pkgInfoText = pkgInfo.data.toString('utf8');
  const header = parseCoreMetadata(pkgInfoText);
  const declared = coreMetadataContribution(pkgInfo.path, 'PKG-INFO', pkgInfoText);
  const build = pyprojectContribution(pyproject.path, pyprojectText);
  const out: SdistContradiction[] = [];

  if (
    declared.name &&
    build.name &&
    normalizePypiName(declared.name.value) !== normalizePypiName(build.name.value)
  ) {
    out.push({
      field: 'name',
      file: pyproject.path,
      ...(build.name.source.line === undefined ? {} : { line: build.name.source.line }),
      snippet: `name = "${build.name.value}"`,
      detail: `PKG-INFO names the package "${declared.name.value}", the build names it "${build.name.value}"`,
      hiddenRequirement: false,
    });
  }
  if (
    declared.version &&
    build.version &&
    !dynamic.has('version') &&
    !sameVersion(declared.version.value, build.version.value)
  ) {
    out.push({
      field: 'version',
      file: pyproject.path,
      ...(build.version.source.line === undefined ? {} : { line: build.version.source.line }),
      snippet: `version = "${build.version.value}"`,
      detail: `PKG-INFO says version ${declared.version.value}, the build makes ${build.version.value}`,
      hiddenRequirement: false,
    });
  }

  // Requirements are a promise only from metadata 2.2 on, and only when neither side leaves them to the build.
  const requirementsDynamic =
    dynamic.has('dependencies') ||
    header.fields.some(
      (field) =>
        field.key.toLowerCase() === 'dynamic' && field.value.trim().toLowerCase() === 'requires-dist',
    );
  if (metadataVersion(header.fields) < 2.2 || requirementsDynamic) return out;
  const runtime = (deps: typeof build.dependencies) =>
    deps.map((keyed) => keyed.dependency).filter((dependency) => dependency.kind === 'runtime');
  const declaredNames = new Set(
    runtime(declared.dependencies).map((dependency) => dependency.normalizedName),
  );
  const buildNames = new Set(runtime(build.dependencies).map((dependency) => dependency.normalizedName));
  for (const dependency of runtime(build.dependencies)) {
    if (declaredNames.has(dependency.normalizedName)) continue;
    out.push({
      field: 'requirement',
      file: pyproject.path,
      ...(dependency.source.line === undefined ? {} : { line: dependency.source.line }),
      snippet: dependency.raw,
      detail: `${dependency.marker === undefined ? HIDDEN_REQUIREMENT : 'conditional requirement missing from PKG-INFO'}: the build requires ${dependency.name}, which PKG-INFO (metadata ${metadataVersion(header.fields).toFixed(1)}, Requires-Dist not dynamic) does not declare`,
      hiddenRequirement: dependency.marker === undefined,
    });
  }
  for (const dependency of runtime(declared.dependencies)) {
    if (buildNames.has(dependency.normalizedName)) continue;
    out.push({
      field: 'requirement',
      file: pkgInfo.path,
      ...(dependency.source.line === undefined ? {} : { line: dependency.source.line }),
      snippet: dependency.raw,
      detail: `PKG-INFO declares ${dependency.name}, which pyproject.toml's [project] dependencies do not list`,
      hiddenRequirement: false,
    });
  }
  return out;
}
