/**
 * Project scans: a manifest, a lockfile, or a directory holding one. The project's components are checked
 * by the hunting policies (collected by the enrich stage, src/enrich/, judged in src/policies/hunting/); with `deep`, each
 * registry component is also fetched and its code scanned like a package.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { AnalysisProblem } from '../analysis/types.ts';
import { unpackBuffer } from '../artifacts/load.ts';
import { runPolicies, severityRank, verdictFor } from '../catalog/engine.ts';
import type { BehaviorHit, Catalog, Issue, IssueEvidence, Occurrence } from '../catalog/types.ts';
import { mapBounded } from '../core/concurrency.ts';
import { AssayError } from '../core/errors.ts';
import { componentPurl, fromProjectComponent } from '../enrich/components.ts';
import { enrich } from '../enrich/enrich.ts';
import type { HuntedComponent } from '../enrich/types.ts';
import type { Ecosystem } from '../metadata/types.ts';
import { emptyMetadata } from '../metadata/types.ts';
import type { Sources } from '../sources/fetch.ts';
import { fetchTarget } from '../sources/fetch.ts';
import { detectFormat, readProject } from '../sources/manifests/index.ts';
import { declaredProjectName } from '../sources/manifests/project-name.ts';
import type { Project } from '../sources/manifests/types.ts';
import { defaultCatalog, enrichOptions, scanArtifact } from './scan.ts';
import type { ProjectScanResult, ScannedProject, ScanOptions } from './types.ts';

/** Lockfiles: their presence makes a directory a project checkout rather than a package source tree. */
const LOCKFILE_NAMES = new Set([
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'poetry.lock',
  'pdm.lock',
  'uv.lock',
  'Pipfile.lock',
]);
/** Files that make a directory a package of its own (scanned as code) when no lockfile is there. */
const PACKAGE_MARKERS = new Set(['setup.py', 'PKG-INFO', 'package.json', 'pyproject.toml', 'setup.cfg']);

/**
 * Whether a local path is scanned as a project or as a package. The rule:
 * 1. A file named like a manifest or lockfile assay reads (package.json, requirements*.txt, poetry.lock …) is a project.
 * 2. A directory holding a lockfile (package-lock.json, yarn.lock, pnpm-lock.yaml, poetry.lock, uv.lock,
 *    Pipfile.lock, pylock*.toml, npm-shrinkwrap.json) is a project.
 * 3. Otherwise a directory that is itself a package (setup.py, PKG-INFO, package.json, pyproject.toml,
 *    setup.cfg) is a package, scanned for its code.
 * 4. Otherwise a directory with requirements*.txt or a Pipfile is a project.
 * 5. Anything else (archives, single files, other directories) is a package.
 */
export async function projectPathKind(path: string): Promise<'project' | 'package'> {
  return (await classifyPath(path)).kind;
}

/**
 * Files that look like dependency lists but say nothing assay can judge on their own: scanned as a package of
 * one file, they would pass with "unknown unknown". Undefined for every other file.
 */
function unsupportedAlone(path: string): string | undefined {
  const name = basename(path);
  if (name === 'Pipfile')
    return `${path}: a Pipfile alone is not read (its ranges are resolved by pipenv); scan its Pipfile.lock, or the directory that holds both`;
  if (/^constraints.*\.(txt|in)$/i.test(name))
    return `${path}: a constraints file only limits versions and names no dependency to install; scan the requirements file that uses it (-c)`;
  return undefined;
}

/** A local path classified by the rule above; `file` tells a single file from a directory (or a missing path). */
export async function classifyPath(path: string): Promise<{ kind: 'project' | 'package'; file: boolean }> {
  try {
    const info = await stat(path);
    if (!info.isDirectory()) {
      const unsupported = info.isFile() ? unsupportedAlone(path) : undefined;
      if (unsupported !== undefined) throw new AssayError('E_UNSUPPORTED', unsupported);
      return { kind: detectFormat(path) === undefined ? 'package' : 'project', file: info.isFile() };
    }
  } catch (error) {
    if (error instanceof AssayError) throw error;
    return { kind: 'package', file: false };
  }
  const names = await readdir(path);
  // An empty directory would otherwise be a package of no files that passes: say there is nothing to scan.
  if (names.length === 0)
    throw new AssayError('E_UNSUPPORTED', `${path}: the directory is empty; there is nothing to scan`);
  const kind = (): 'project' | 'package' => {
    if (names.some((name) => LOCKFILE_NAMES.has(name) || /^pylock\.([^.]+\.)?toml$/.test(name)))
      return 'project';
    if (names.some((name) => PACKAGE_MARKERS.has(name))) return 'package';
    if (names.some((name) => name === 'Pipfile' || detectFormat(name) === 'requirements.txt'))
      return 'project';
    return 'package';
  };
  return { kind: kind(), file: false };
}

export interface ProjectScanOptions extends ScanOptions {
  /** Fetch and scan each registry component's code. */
  readonly deep?: boolean;
  /** Registry clients for --deep downloads. */
  readonly sources?: Sources;
  /** Components scanned at once with --deep. */
  readonly deepConcurrency?: number;
}

function majorityEcosystem(project: Project): Ecosystem {
  const npm = project.components.filter((c) => c.ecosystem === 'npm').length;
  const pypi = project.components.length - npm;
  if (npm === 0 && pypi === 0) return project.used[0]?.format.match(/json|yarn|pnpm/) ? 'npm' : 'pypi';
  return npm > pypi ? 'npm' : 'pypi';
}

async function fingerprint(files: readonly string[]): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for (const file of files) {
    const bytes = await readFile(file);
    size += bytes.length;
    hash.update(bytes);
  }
  return { sha256: hash.digest('hex'), size };
}

/** Collect, then judge, a project's components; with `deep`, each registry component's code too. */
export async function scanProject(
  path: string,
  options: ProjectScanOptions = {},
  catalog: Catalog = defaultCatalog,
): Promise<ProjectScanResult> {
  const started = performance.now();
  const full = resolve(path);
  const project = await readProject(full);
  const isDir = (await stat(full)).isDirectory();
  const lockfiles = new Set(project.used.filter((u) => u.kind === 'lockfile').map((u) => u.file));
  const components = project.components.map((c) => fromProjectComponent(c, lockfiles.has(c.declaredIn.file)));
  const ecosystem = options.ecosystem ?? majorityEcosystem(project);
  const {
    components: enrichment,
    vulnerabilities,
    prevalence,
  } = await enrich({ ecosystem, components, includeDev: true }, enrichOptions(options));
  const { sha256, size } = await fingerprint(project.used.map((u) => u.file));
  const dir = isDir ? full : dirname(full);
  // The name the project gives itself; the folder's name only when no manifest beside it says.
  const name = (await declaredProjectName(dir, ecosystem)) ?? basename(dir);
  // What the manifests could not give (a missing or refused include, a `${VAR}`, entries past the cap) makes the
  // project scan incomplete, with the reason in the report.
  const problems = project.problems.map(
    (p): AnalysisProblem => ({
      file: p.file,
      kind: p.kind === 'too-many-components' ? 'too-large' : 'parse-error',
      message: p.message,
      ...(p.line === undefined ? {} : { line: p.line }),
    }),
  );
  const artifact = { file: full, sha256, size, format: isDir ? ('directory' as const) : ('file' as const) };
  // A project has no code of its own here: behaviors would only judge empty metadata, so none run. The policy
  // engine's context is shaped for packages (policies read findings through it); a project gives it no files,
  // no metadata and no facts, so only the component, vulnerability and registry policies can fire.
  const judged = runPolicies(
    catalog.policies,
    {
      snapshot: {
        ecosystem,
        name,
        version: 'project',
        artifact,
        files: [],
        metadata: emptyMetadata(ecosystem),
        anomalies: [],
        limitHits: [],
      },
      facts: { sources: [], urls: [], embedded: [], problems: [] },
      ...(enrichment === undefined ? {} : { enrichment }),
      ...(vulnerabilities === undefined ? {} : { vulnerabilities }),
    },
    [],
  );
  let issues: Issue[] = judged.issues;
  let behaviors: BehaviorHit[] = [];
  let deep: ScannedProject['deep'];
  const policyErrors = [...judged.errors];
  if (options.deep === true) {
    const sub = await scanComponents(components, options, catalog);
    issues = mergeIssues(issues, sub.issues);
    behaviors = sub.behaviors;
    policyErrors.push(...sub.errors);
    deep = { scanned: sub.scanned, failed: sub.failed };
  }
  return {
    subject: 'project',
    behaviors,
    detectorOutcomes: [],
    issues,
    policyErrors,
    verdict: verdictFor(issues),
    durationMs: performance.now() - started,
    ...(enrichment === undefined ? {} : { enrichment }),
    ...(vulnerabilities === undefined ? {} : { vulnerabilities }),
    prevalence,
    project: {
      ecosystem,
      name,
      artifact,
      files: project.files,
      used: project.used,
      notes: project.notes,
      problems,
      ...(deep === undefined ? {} : { deep }),
    },
  };
}

interface DeepResult {
  issues: Issue[];
  behaviors: BehaviorHit[];
  errors: { id: string; message: string }[];
  scanned: number;
  failed: { component: string; message: string }[];
}

/** Fetched and scanned with --deep: registry components at a known version or range, each name@version once. */
function deepTargets(components: readonly HuntedComponent[]): HuntedComponent[] {
  const seen = new Set<string>();
  return components.filter((c) => {
    if (c.source !== 'registry') return false;
    const key = `${c.ecosystem}\0${c.name}\0${c.version ?? c.specifier ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function scanComponents(
  components: readonly HuntedComponent[],
  options: ProjectScanOptions,
  catalog: Catalog,
): Promise<DeepResult> {
  const out: DeepResult = { issues: [], behaviors: [], errors: [], scanned: 0, failed: [] };
  const sources = options.sources;
  const targets = deepTargets(components);
  if (sources === undefined) {
    for (const c of targets)
      out.failed.push({ component: componentPurl(c), message: 'no registry configured' });
    return out;
  }
  // The project's look-up already covers every component at its locked version or range; a component scan
  // would repeat it (and look up the component's own dependency ranges, which the lockfile has resolved).
  const {
    deep: _deep,
    sources: _sources,
    registry: _registry,
    vulnerabilities: _vulnerabilities,
    localData: _localData,
    ...scanOptions
  } = options;
  const results = await mapBounded(targets, options.deepConcurrency ?? 4, async (component) => {
    const purl = componentPurl(component);
    try {
      const version = component.pinned ? component.version : component.specifier;
      const fetched = await fetchTarget(
        {
          kind: 'registry',
          ecosystem: component.ecosystem,
          name: component.name,
          ...(version === undefined || version === '' ? {} : { version }),
          qualifiers: {},
          input: purl,
        },
        sources,
      );
      const first = fetched[0];
      if (first === undefined) throw new Error('the registry lists no file to scan');
      const unpacked = await unpackBuffer(first.bytes, first.filename, options.limits);
      const result = await scanArtifact(
        unpacked,
        { ...scanOptions, ecosystem: component.ecosystem, enrich: false, network: false },
        catalog,
      );
      return { purl: componentPurl({ ...component, version: first.version, pinned: true }), result };
    } catch (error) {
      return { purl, error: error instanceof Error ? error.message : String(error) };
    }
  });
  const behaviorById = new Map<string, Occurrence[]>();
  for (const item of results) {
    if ('error' in item) {
      out.failed.push({ component: item.purl, message: item.error ?? 'failed' });
      continue;
    }
    const { purl, result } = item;
    out.scanned++;
    // The component's code findings join the project's, each naming the component it came from.
    for (const issue of result.issues) {
      out.issues.push({
        ...issue,
        finding: {
          ...issue.finding,
          evidence: issue.finding.evidence.map(
            (e): IssueEvidence => ({ ...e, component: e.component ?? purl }),
          ),
        },
      });
    }
    for (const hit of result.behaviors) {
      const list = behaviorById.get(hit.id) ?? [];
      for (const occurrence of hit.occurrences)
        if (list.length < 200) list.push({ ...occurrence, file: `${purl}/${occurrence.file}` });
      behaviorById.set(hit.id, list);
    }
    for (const error of result.policyErrors)
      out.errors.push({ id: error.id, message: `${purl}: ${error.message}` });
  }
  for (const [id, occurrences] of behaviorById) out.behaviors.push({ id, occurrences });
  return out;
}

/** One issue per id: evidence appended, the worst severity kept. */
function mergeIssues(base: readonly Issue[], more: readonly Issue[]): Issue[] {
  const byId = new Map<string, Issue>();
  for (const issue of [...base, ...more]) {
    const seen = byId.get(issue.id);
    if (seen === undefined) {
      byId.set(issue.id, issue);
      continue;
    }
    const severity =
      severityRank(issue.severity) > severityRank(seen.severity) ? issue.severity : seen.severity;
    byId.set(issue.id, {
      id: issue.id,
      severity,
      finding: {
        ...seen.finding,
        evidence: [...seen.finding.evidence, ...issue.finding.evidence].slice(0, 500),
        severity,
      },
    });
  }
  return [...byId.values()].sort(
    (a, b) => severityRank(b.severity) - severityRank(a.severity) || a.id.localeCompare(b.id),
  );
}
