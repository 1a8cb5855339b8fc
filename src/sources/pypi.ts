import * as pep440 from '@renovatebot/pep440';
import { z } from 'zod';
import { AssayError, isAssayError } from '../core/errors.ts';
import { parseRegistryJson } from './json.ts';
import { assertPypiName, normalizePypiName } from './names.ts';
import { parseDistFilename } from './pypi-files.ts';
import { parseSimpleProject, SIMPLE_ACCEPT, type SimpleFile } from './simple.ts';
import { isoDate } from './time.ts';
import type { Transport } from './transport.ts';
import type {
  ArtifactFile,
  ArtifactHashes,
  FetchedBytes,
  PackageFacts,
  RegistryClient,
  ReleaseInfo,
  VersionInfo,
} from './types.ts';

export const DEFAULT_PYPI_INDEX = 'https://pypi.org/simple';

/** PyPI serves its JSON API beside the index: `…/simple` → `…/pypi`. Other indexes may have none. */
export function deriveJsonApiUrl(indexUrl: string): string | undefined {
  const trimmed = indexUrl.replace(/\/+$/, '');
  return trimmed.endsWith('/simple') ? `${trimmed.slice(0, -'/simple'.length)}/pypi` : undefined;
}

const optionalText = z.string().nullable().optional();
const JsonApiFile = z.looseObject({
  filename: z.string(),
  url: z.string(),
  digests: z.record(z.string(), z.string()).optional(),
  md5_digest: optionalText,
  packagetype: optionalText,
  requires_python: optionalText,
  size: z.number().int().nonnegative().optional(),
  upload_time_iso_8601: optionalText,
  upload_time: optionalText,
  yanked: z.boolean().optional(),
  yanked_reason: optionalText,
});
type JsonApiFile = z.infer<typeof JsonApiFile>;
const JsonApiProject = z.looseObject({
  info: z.looseObject({
    name: z.string(),
    version: z.string(),
    summary: optionalText,
    author: optionalText,
    author_email: optionalText,
    maintainer: optionalText,
    maintainer_email: optionalText,
    home_page: optionalText,
    project_urls: z.record(z.string(), z.string()).nullable().optional(),
    yanked: z.boolean().optional(),
    yanked_reason: optionalText,
  }),
  releases: z.record(z.string(), z.array(JsonApiFile)).optional(),
  urls: z.array(JsonApiFile).optional(),
  ownership: z
    .looseObject({
      organization: optionalText,
      roles: z.array(z.looseObject({ role: z.string(), user: z.string() })).optional(),
    })
    .nullable()
    .optional(),
});
type JsonApiProject = z.infer<typeof JsonApiProject>;

/** Every file of a project, each tagged with the version it belongs to. */
interface ProjectFiles {
  readonly name: string;
  readonly versions: readonly string[];
  readonly files: readonly ArtifactFile[];
}

export interface PypiClientOptions {
  readonly indexUrl?: string;
  /** The JSON API base (`https://pypi.org/pypi`); null when the index has none. Derived from the index URL by default. */
  readonly jsonApiUrl?: string | null;
  /** Where file lists come from: the Simple API (any index) or PyPI's JSON API. */
  readonly api?: 'simple' | 'json';
}

export class PypiClient implements RegistryClient {
  readonly ecosystem = 'pypi' as const;
  readonly indexUrl: string;
  readonly jsonApiUrl: string | undefined;
  private readonly api: 'simple' | 'json';
  private readonly transport: Transport;

  constructor(transport: Transport, options: PypiClientOptions = {}) {
    this.transport = transport;
    this.indexUrl = (options.indexUrl ?? DEFAULT_PYPI_INDEX).replace(/\/+$/, '');
    const json = options.jsonApiUrl === undefined ? deriveJsonApiUrl(this.indexUrl) : options.jsonApiUrl;
    this.jsonApiUrl = json === null || json === undefined ? undefined : json.replace(/\/+$/, '');
    this.api = options.api ?? 'simple';
    if (this.api === 'json' && this.jsonApiUrl === undefined) {
      throw new AssayError('E_CONFIG', `No JSON API is known for the index ${this.indexUrl}.`);
    }
  }

  /** PEP 503: the project URL is the normalized name under the index, with a trailing slash. */
  private async simpleFiles(name: string): Promise<ProjectFiles> {
    const normalized = normalizePypiName(name);
    const url = `${this.indexUrl}/${encodeURIComponent(normalized)}/`;
    const response = await this.transport.getMeta(url, SIMPLE_ACCEPT, `the index page of ${name}`);
    const project = parseSimpleProject(response.body, response.contentType, response.url);
    const files: ArtifactFile[] = [];
    for (const f of project.files) {
      const file = simpleToArtifact(f, name);
      if (file !== undefined) files.push(file);
    }
    const versions = project.versions ?? uniqueVersions(files);
    return { name: project.name ?? name, versions, files };
  }

  private async jsonProject(name: string): Promise<JsonApiProject> {
    const url = `${this.jsonApiUrl}/${encodeURIComponent(normalizePypiName(name))}/json`;
    const response = await this.transport.getMeta(url, 'application/json', `the PyPI JSON of ${name}`);
    return parseRegistryJson(response.body, JsonApiProject, `the PyPI JSON of ${name}`);
  }

  private async jsonFiles(name: string): Promise<ProjectFiles> {
    return jsonReleaseFiles(await this.jsonProject(name));
  }

  async resolve(name: string, requested?: string): Promise<ReleaseInfo> {
    assertPypiName(name);
    const project = this.api === 'json' ? await this.jsonFiles(name) : await this.simpleFiles(name);
    const { version, pinned } = pickPypiVersion(project, requested);
    const all = project.files.filter((f) => f.version === version);
    // PEP 592: a yanked file is only chosen when the request pins that exact version.
    const files = pinned ? all : all.filter((f) => !f.yanked);
    const yanked = all.length > 0 && all.every((f) => f.yanked);
    const yankedReason = yanked ? all.find((f) => f.yankedReason !== undefined)?.yankedReason : undefined;
    const times = publishTimes(project.files);
    const publishedAt = times.get(version);
    return {
      ecosystem: 'pypi',
      name: project.name,
      version,
      pinned,
      versions: project.versions.map((v) => versionInfo(v, times, project.files)),
      files,
      yanked,
      ...(yankedReason !== undefined ? { yankedReason } : {}),
      ...(publishedAt !== undefined ? { publishedAt } : {}),
    };
  }

  fetchArtifact(file: ArtifactFile): Promise<FetchedBytes> {
    return this.transport.getArtifact(file);
  }

  async packageInfo(name: string, version?: string): Promise<PackageFacts> {
    assertPypiName(name);
    const notFound: PackageFacts = {
      ecosystem: 'pypi',
      name,
      status: 'not-found',
      versionCount: 0,
      versions: [],
      maintainers: [],
    };
    try {
      if (this.jsonApiUrl !== undefined) return jsonFacts(await this.jsonProject(name), version);
      return simpleFacts(await this.simpleFiles(name), version);
    } catch (error) {
      if (isAssayError(error) && error.code === 'E_NOT_FOUND') return notFound;
      throw error;
    }
  }
}

function hashesOf(raw: Readonly<Record<string, string>>): ArtifactHashes {
  const pick = (key: string): string | undefined => raw[key]?.toLowerCase();
  const sha256 = pick('sha256');
  const md5 = pick('md5');
  const blake = pick('blake2b_256');
  return {
    ...(sha256 !== undefined ? { sha256 } : {}),
    ...(md5 !== undefined ? { md5 } : {}),
    ...(blake !== undefined ? { blake2b_256: blake } : {}),
  };
}

function simpleToArtifact(f: SimpleFile, project: string): ArtifactFile | undefined {
  const parsed = parseDistFilename(f.filename, project);
  if (parsed === undefined) return undefined;
  const uploadedAt = isoDate(f.uploadTime);
  return {
    ecosystem: 'pypi',
    name: project,
    version: parsed.version,
    url: f.url,
    filename: f.filename,
    kind: parsed.kind,
    hashes: hashesOf(f.hashes),
    yanked: f.yanked,
    ...(f.yankedReason !== undefined ? { yankedReason: f.yankedReason } : {}),
    ...(f.size !== undefined ? { size: f.size } : {}),
    ...(f.requiresPython !== undefined ? { requiresPython: f.requiresPython } : {}),
    ...(uploadedAt !== undefined ? { uploadedAt } : {}),
    ...(f.provenance !== undefined ? { provenance: f.provenance } : {}),
  };
}

function jsonApiToArtifact(f: JsonApiFile, project: string, version: string): ArtifactFile | undefined {
  let url: string;
  try {
    const u = new URL(f.url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    url = u.toString();
  } catch {
    return undefined;
  }
  const kind =
    f.packagetype === 'sdist'
      ? 'sdist'
      : f.packagetype === 'bdist_wheel'
        ? 'wheel'
        : (parseDistFilename(f.filename, project)?.kind ?? 'other');
  const raw = { ...(f.digests ?? {}), ...(f.md5_digest ? { md5: f.md5_digest } : {}) };
  const uploadedAt = isoDate(f.upload_time_iso_8601 ?? f.upload_time ?? undefined);
  return {
    ecosystem: 'pypi',
    name: project,
    version,
    url,
    filename: f.filename,
    kind,
    hashes: hashesOf(raw),
    yanked: f.yanked === true,
    ...(f.yanked === true && f.yanked_reason ? { yankedReason: f.yanked_reason } : {}),
    ...(f.size !== undefined ? { size: f.size } : {}),
    ...(f.requires_python ? { requiresPython: f.requires_python } : {}),
    ...(uploadedAt !== undefined ? { uploadedAt } : {}),
  };
}

function uniqueVersions(files: readonly ArtifactFile[]): string[] {
  return [...new Set(files.map((f) => f.version))];
}

/** A release's publish time is its earliest file's upload time. */
function publishTimes(files: readonly ArtifactFile[]): Map<string, string> {
  const times = new Map<string, string>();
  for (const f of files) {
    if (f.uploadedAt === undefined) continue;
    const known = times.get(f.version);
    if (known === undefined || f.uploadedAt < known) times.set(f.version, f.uploadedAt);
  }
  return times;
}

function versionInfo(
  version: string,
  times: Map<string, string>,
  files: readonly ArtifactFile[],
): VersionInfo {
  const own = files.filter((f) => f.version === version);
  const publishedAt = times.get(version);
  return {
    version,
    ...(publishedAt !== undefined ? { publishedAt } : {}),
    ...(own.length > 0 ? { yanked: own.every((f) => f.yanked) } : {}),
  };
}

function isPre(version: string): boolean {
  const v = pep440.explain(version);
  return v === null || v.is_prerelease || v.is_devrelease;
}

function maxVersion(versions: readonly string[]): string | undefined {
  const valid = versions.filter((v) => pep440.valid(v) !== null);
  if (valid.length === 0) return undefined;
  return valid.reduce((a, b) => (pep440.gt(b, a) ? b : a));
}

/**
 * pip's choice: no request → the highest final release that has a non-yanked file (a pre-release only when
 * nothing else exists); `==V` / `V` → exactly V (yanked allowed, PEP 592); `===V` → the string V;
 * other specifiers → the highest non-yanked match.
 */
export function pickPypiVersion(
  project: Pick<ProjectFiles, 'name' | 'files'>,
  requested: string | undefined,
): { version: string; pinned: boolean } {
  const withFiles = uniqueVersions(project.files);
  const installable = uniqueVersions(project.files.filter((f) => !f.yanked));
  if (withFiles.length === 0) {
    throw new AssayError('E_NOT_FOUND', `PyPI project ${project.name} has no files to download.`);
  }
  const req = requested?.trim() ?? '';
  if (req === '') {
    const best =
      maxVersion(installable.filter((v) => !isPre(v))) ?? maxVersion(installable) ?? installable.at(-1);
    if (best === undefined) {
      throw new AssayError(
        'E_NOT_FOUND',
        `Every release of PyPI project ${project.name} is yanked; name one exactly (pypi:${project.name}==VERSION).`,
      );
    }
    return { version: best, pinned: false };
  }
  if (req.startsWith('===')) {
    const wanted = req.slice(3).trim();
    if (withFiles.includes(wanted)) return { version: wanted, pinned: true };
  } else if (!/^[<>=!~]/.test(req) || (/^==[^=*]/.test(req) && !req.includes(','))) {
    const wanted = req.replace(/^==/, '').trim();
    const exact =
      withFiles.find((v) => v === wanted) ??
      withFiles.find(
        (v) => pep440.valid(v) !== null && pep440.valid(wanted) !== null && pep440.eq(v, wanted),
      );
    if (exact !== undefined) return { version: exact, pinned: true };
  } else {
    if (!pep440.validRange(req)) {
      throw new AssayError('E_USAGE', `"${req}" is not a valid PEP 440 version specifier.`);
    }
    const matched = pep440.maxSatisfying(
      installable.filter((v) => pep440.valid(v) !== null),
      req,
    );
    if (matched !== null) return { version: matched, pinned: false };
  }
  throw new AssayError('E_NOT_FOUND', `PyPI project ${project.name} has no release matching "${req}".`);
}

function maintainersOf(project: JsonApiProject): { name?: string; email?: string }[] {
  const out: { name?: string; email?: string }[] = [];
  const add = (name: string | null | undefined, email: string | null | undefined): void => {
    if (!name && !email) return;
    out.push({ ...(name ? { name } : {}), ...(email ? { email } : {}) });
  };
  add(project.info.author, project.info.author_email);
  add(project.info.maintainer, project.info.maintainer_email);
  for (const role of project.ownership?.roles ?? []) add(role.user, undefined);
  return out;
}

/** A source repository link among the project URLs, by the labels projects commonly use. */
function repositoryOf(project: JsonApiProject): string | undefined {
  const urls = project.info.project_urls ?? {};
  for (const [label, url] of Object.entries(urls)) {
    if (/^(source|source code|repository|code|github|gitlab)$/i.test(label.trim())) return url;
  }
  const hosted = Object.values(urls).find((u) =>
    /^https?:\/\/(github\.com|gitlab\.com|bitbucket\.org)\//i.test(u),
  );
  return hosted ?? undefined;
}

/** Files of every release; PyPI deprecated `releases`, and without it only the latest release's `urls` are known. */
function jsonReleaseFiles(project: JsonApiProject): ProjectFiles {
  const files: ArtifactFile[] = [];
  const releases = project.releases ?? { [project.info.version]: project.urls ?? [] };
  for (const [version, list] of Object.entries(releases)) {
    for (const f of list) {
      const file = jsonApiToArtifact(f, project.info.name, version);
      if (file !== undefined) files.push(file);
    }
  }
  return { name: project.info.name, versions: Object.keys(releases), files };
}

function jsonFacts(project: JsonApiProject, version: string | undefined): PackageFacts {
  const facts = simpleFacts(jsonReleaseFiles(project), version);
  const repository = repositoryOf(project);
  const homepage = project.info.home_page ?? undefined;
  const summary = project.info.summary ?? undefined;
  return {
    ...facts,
    latestVersion: project.info.version,
    maintainers: maintainersOf(project),
    ...(repository !== undefined ? { repository } : {}),
    ...(homepage ? { homepage } : {}),
    ...(summary ? { summary } : {}),
  };
}

function simpleFacts(project: ProjectFiles, version: string | undefined): PackageFacts {
  const times = publishTimes(project.files);
  const versions = project.versions
    .map((v) => versionInfo(v, times, project.files))
    .sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? ''));
  const published = [...times.values()].sort();
  // PyPI answers 404 for a deleted project; a project page with no files left means every release was deleted.
  const removed = project.files.length === 0;
  let latestVersion: string | undefined;
  try {
    latestVersion = removed ? undefined : pickPypiVersion(project, undefined).version;
  } catch {
    latestVersion = undefined;
  }
  const firstPublishedAt = published[0];
  const latestPublishedAt = published[published.length - 1];
  const versionPublishedAt = version !== undefined ? times.get(version) : undefined;
  return {
    ecosystem: 'pypi',
    name: project.name,
    status: removed ? 'removed' : 'exists',
    ...(removed ? { removedReason: 'no-releases' as const } : {}),
    versionCount: project.versions.length,
    versions: versions.slice(-1000),
    maintainers: [],
    ...(latestVersion !== undefined ? { latestVersion } : {}),
    ...(firstPublishedAt !== undefined ? { firstPublishedAt } : {}),
    ...(latestPublishedAt !== undefined ? { latestPublishedAt } : {}),
    ...(versionPublishedAt !== undefined ? { versionPublishedAt } : {}),
  };
}
