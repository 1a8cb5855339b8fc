import { createHash } from 'node:crypto';
import { verdictFor } from '../catalog/engine.ts';
import type { Severity } from '../catalog/types.ts';
import type { Prevalence } from '../community/index/types.ts';
import { readNpmManifestFields } from '../metadata/npm/package-json.ts';
import type { PackageSnapshot } from '../metadata/snapshot.ts';
import type { Dependency } from '../metadata/types.ts';
import type { Report, ReportBehavior, ReportIssue } from '../report/model.ts';
import {
  type DiffContext,
  type DiffFindingDefinition,
  type DiffSide,
  packageRootOf,
  stripRoot,
} from './context.ts';
import { diffFindingRegistry } from './findings/index.ts';
import { installHooks } from './findings/install-hooks.ts';
import {
  type DeclarationChange,
  type DependencyChange,
  DIFF_SCHEMA_VERSION,
  type DiffFinding,
  type DiffSideInfo,
  type FileChange,
  type FindingChange,
  type PackageDiff,
} from './model.ts';

export interface DiffOptions {
  readonly toolVersion: string;
  readonly now?: Date;
  readonly findings?: readonly DiffFindingDefinition[];
}

/**
 * What changed between two scanned versions of a package. Both sides went through the same scan pipeline, so
 * every behavior, issue and fact compares like with like; the diff only subtracts.
 */
export function diffPackages(old: DiffSide, next: DiffSide, options: DiffOptions): PackageDiff {
  const now = options.now ?? new Date();
  const roots = { old: packageRootOf(old.result.snapshot), new: packageRootOf(next.result.snapshot) };
  const relative = (side: 'old' | 'new', path: string) => stripRoot(roots[side], path);
  const dependencies = dependencyChanges(
    old.result.snapshot.metadata.dependencies,
    next.result.snapshot.metadata.dependencies,
  );
  const context: DiffContext = { old, new: next, relative, dependencies, now };
  const findings: DiffFinding[] = [];
  for (const definition of options.findings ?? diffFindingRegistry) {
    const evidence = definition.detect(context);
    if (evidence.length === 0) continue;
    findings.push({
      id: definition.id,
      title: definition.title,
      severity: definition.severity,
      problem: definition.problem,
      nextSteps: definition.nextSteps,
      evidence,
    });
  }
  const issues = findingChanges(old.report.issues, next.report.issues);
  const newIssues = issues
    .filter((change) => change.status === 'appeared')
    .map((change) => ({ id: change.id, severity: change.finding.severity }));
  const verdict = verdictFor<{ id: string; severity: Severity }>([...newIssues, ...findings]);
  const files = fileChanges(old.result.snapshot, next.result.snapshot, roots);
  return {
    schemaVersion: DIFF_SCHEMA_VERSION,
    tool: { name: 'assay', version: options.toolVersion },
    generatedAt: now.toISOString(),
    old: sideInfo(old.report),
    new: sideInfo(next.report),
    files,
    behaviors: findingChanges(old.report.behaviors, next.report.behaviors),
    issues,
    dependencies,
    installScripts: mapChanges(hookMap(old.result.snapshot), hookMap(next.result.snapshot)),
    entryPoints: mapChanges(entryPointMap(old.result.snapshot), entryPointMap(next.result.snapshot)),
    bins: mapChanges(binMap(old.result.snapshot), binMap(next.result.snapshot)),
    maintainers: maintainerChanges(old.result.snapshot, next.result.snapshot),
    provenance:
      old.provenance === undefined || next.provenance === undefined
        ? null
        : { old: old.provenance, new: next.provenance },
    findings,
    verdict: {
      level: verdict.level,
      reasons: verdict.reasons.map((r) => ({ id: r.issue, severity: r.severity })),
    },
  };
}

function sideInfo(report: Report): DiffSideInfo {
  const { ecosystem, name, version, artifact } = report.target;
  return {
    ecosystem,
    name,
    version,
    artifact: { file: artifact.file, sha256: artifact.sha256, size: artifact.size },
    verdict: report.verdict.level,
  };
}

function fileChanges(
  old: PackageSnapshot,
  next: PackageSnapshot,
  roots: { readonly old: string; readonly new: string },
): PackageDiff['files'] {
  const index = (snapshot: PackageSnapshot, root: string) =>
    new Map(
      snapshot.files.map((file) => [
        stripRoot(root, file.path),
        { sha256: createHash('sha256').update(file.data).digest('hex'), size: file.data.length },
      ]),
    );
  const before = index(old, roots.old);
  const after = index(next, roots.new);
  const changes: FileChange[] = [];
  let unchanged = 0;
  for (const [path, file] of after) {
    const previous = before.get(path);
    if (previous === undefined) {
      changes.push({ path, status: 'added', newSha256: file.sha256, newSize: file.size });
    } else if (previous.sha256 !== file.sha256) {
      changes.push({
        path,
        status: 'changed',
        oldSha256: previous.sha256,
        newSha256: file.sha256,
        oldSize: previous.size,
        newSize: file.size,
      });
    } else unchanged++;
  }
  for (const [path, file] of before) {
    if (!after.has(path))
      changes.push({ path, status: 'removed', oldSha256: file.sha256, oldSize: file.size });
  }
  changes.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const count = (status: FileChange['status']) => changes.filter((change) => change.status === status).length;
  return { added: count('added'), removed: count('removed'), changed: count('changed'), unchanged, changes };
}

/** Rare first: a behavior new to the package and seldom seen in the community is the headline. */
const BAND_ORDER: Record<Prevalence['band'] | 'none', number> = {
  rare: 0,
  none: 1,
  unrated: 2,
  uncommon: 3,
  common: 4,
};
const STATUS_ORDER = { appeared: 0, changed: 1, disappeared: 2 } as const;

function findingChanges<T extends ReportBehavior | ReportIssue>(
  old: readonly T[],
  next: readonly T[],
): FindingChange<T>[] {
  const countOf = (finding: T) => ('count' in finding ? finding.count : finding.evidence.length);
  const before = new Map(old.map((finding) => [finding.id, finding]));
  const after = new Map(next.map((finding) => [finding.id, finding]));
  const out: FindingChange<T>[] = [];
  for (const [id, finding] of after) {
    const previous = before.get(id);
    const newCount = countOf(finding);
    const oldCount = previous === undefined ? 0 : countOf(previous);
    if (previous !== undefined && oldCount === newCount) continue;
    out.push({
      id,
      status: previous === undefined ? 'appeared' : 'changed',
      finding,
      oldCount,
      newCount,
      prevalence: finding.prevalence,
    });
  }
  for (const [id, finding] of before) {
    if (after.has(id)) continue;
    out.push({
      id,
      status: 'disappeared',
      finding,
      oldCount: countOf(finding),
      newCount: 0,
      prevalence: finding.prevalence,
    });
  }
  return out.sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      BAND_ORDER[a.prevalence?.band ?? 'none'] - BAND_ORDER[b.prevalence?.band ?? 'none'] ||
      (a.id < b.id ? -1 : 1),
  );
}

function dependencyKey(dependency: Dependency): string {
  return `${dependency.kind}\u0000${dependency.normalizedName}\u0000${dependency.group ?? ''}`;
}

function dependencySpec(dependency: Dependency): string {
  const spec = dependency.url ?? dependency.specifier;
  return dependency.marker === undefined ? spec : `${spec} ; ${dependency.marker}`;
}

/** Added, removed, and re-pointed (same name and kind, another range, URL or git source). */
export function dependencyChanges(
  old: readonly Dependency[],
  next: readonly Dependency[],
): DependencyChange[] {
  const before = new Map(old.map((dependency) => [dependencyKey(dependency), dependency]));
  const after = new Map(next.map((dependency) => [dependencyKey(dependency), dependency]));
  const out: DependencyChange[] = [];
  const label = (dependency: Dependency) =>
    dependency.group === undefined ? dependency.kind : `${dependency.kind} [${dependency.group}]`;
  for (const [key, dependency] of after) {
    const previous = before.get(key);
    if (previous === undefined) {
      out.push({
        name: dependency.name,
        kind: label(dependency),
        status: 'added',
        newSpec: dependencySpec(dependency),
      });
    } else if (dependencySpec(previous) !== dependencySpec(dependency)) {
      out.push({
        name: dependency.name,
        kind: label(dependency),
        status: 're-pointed',
        oldSpec: dependencySpec(previous),
        newSpec: dependencySpec(dependency),
      });
    }
  }
  for (const [key, dependency] of before) {
    if (!after.has(key)) {
      out.push({
        name: dependency.name,
        kind: label(dependency),
        status: 'removed',
        oldSpec: dependencySpec(dependency),
      });
    }
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.kind < b.kind ? -1 : 1));
}

function mapChanges(
  old: ReadonlyMap<string, string>,
  next: ReadonlyMap<string, string>,
): DeclarationChange[] {
  const out: DeclarationChange[] = [];
  for (const [name, value] of next) {
    const previous = old.get(name);
    if (previous === undefined) out.push({ name, status: 'added', newValue: value });
    else if (previous !== value) out.push({ name, status: 'changed', oldValue: previous, newValue: value });
  }
  for (const [name, value] of old)
    if (!next.has(name)) out.push({ name, status: 'removed', oldValue: value });
  return out.sort((a, b) => (a.name < b.name ? -1 : 1));
}

function hookMap(snapshot: PackageSnapshot): Map<string, string> {
  return new Map([...installHooks(snapshot)].map(([key, hook]) => [key, hook.command]));
}

function binMap(snapshot: PackageSnapshot): Map<string, string> {
  return new Map(
    snapshot.metadata.scripts
      .filter((script) => script.name.startsWith('bin:'))
      .map((script) => [script.name.slice(4), script.command]),
  );
}

/** npm: main, module, browser and exports (as JSON); PyPI: the declared entry points, `group:name`. */
function entryPointMap(snapshot: PackageSnapshot): Map<string, string> {
  const out = new Map<string, string>();
  if (snapshot.ecosystem === 'npm') {
    const json = readNpmManifestFields(snapshot.files)?.json ?? {};
    for (const field of ['main', 'module', 'browser', 'exports']) {
      const value = json[field];
      if (value === undefined) continue;
      out.set(field, typeof value === 'string' ? value : JSON.stringify(value));
    }
  }
  for (const entry of snapshot.metadata.entryPoints) out.set(`${entry.group}:${entry.name}`, entry.value);
  return out;
}

/**
 * The publisher (npm `_npmUser`) and the maintainers of each version, from the registry's manifest of it; null
 * unless both sides came from the registry.
 */
function maintainerChanges(old: PackageSnapshot, next: PackageSnapshot): DeclarationChange[] | null {
  if (old.registryManifest === undefined || next.registryManifest === undefined) return null;
  return mapChanges(people(old.registryManifest), people(next.registryManifest));
}

function person(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return undefined;
  const { name, email } = value as { name?: unknown; email?: unknown };
  const parts = [typeof name === 'string' ? name : '', typeof email === 'string' ? `<${email}>` : ''];
  const text = parts.filter(Boolean).join(' ');
  return text === '' ? undefined : text;
}

function people(manifest: Readonly<Record<string, unknown>>): Map<string, string> {
  const out = new Map<string, string>();
  const publisher = person(manifest['_npmUser']);
  if (publisher !== undefined) out.set('publisher', publisher);
  const maintainers = manifest['maintainers'];
  if (Array.isArray(maintainers)) {
    for (const entry of maintainers) {
      const text = person(entry);
      if (text !== undefined) out.set(`maintainer ${text.replace(/ <.*$/, '')}`, text);
    }
  }
  return out;
}
