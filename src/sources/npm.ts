import semver from 'semver';
import { z } from 'zod';
import { AssayError, isAssayError } from '../core/errors.ts';
import { memoize } from '../core/memo.ts';
import { parseRegistryJson } from './json.ts';
import { rec } from './manifests/util.ts';
import { assertNpmName, npmPackumentPath } from './names.ts';
import { isoDate } from './time.ts';
import type { Transport } from './transport.ts';
import type {
  ArtifactFile,
  FetchedBytes,
  PackageFacts,
  RegistryClient,
  ReleaseInfo,
  ResolveOptions,
  VersionInfo,
} from './types.ts';

export const DEFAULT_NPM_REGISTRY = 'https://registry.npmjs.org';

const FULL_ACCEPT = 'application/json';
// The abbreviated ("corgi") packument carries what an installer needs: versions, dist, deps; no times or readme.
const ABBREVIATED_ACCEPT = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*';

const Person = z.union([
  z.string(),
  z.looseObject({ name: z.string().optional(), email: z.string().optional() }),
]);
/**
 * Old manifests write `maintainers` as one "Name <email>" string instead of a list (is2 2.0.9, serialize-to-js
 * 3.1.2); npm installs them, so the reader takes one person as a list of one.
 */
const People = z.union([z.array(Person), Person]).transform((p) => (Array.isArray(p) ? p : [p]));
const Repository = z.union([
  z.string(),
  z.looseObject({
    type: z.string().optional(),
    url: z.string().optional(),
    directory: z.string().optional(),
  }),
]);
const Dist = z.looseObject({
  tarball: z.string(),
  integrity: z.string().optional(),
  shasum: z.string().optional(),
  unpackedSize: z.number().optional(),
  fileCount: z.number().optional(),
});
const Manifest = z.looseObject({
  name: z.string().optional(),
  version: z.string(),
  // Descriptive fields: a value of the wrong type reads as absent, so the version stays installable and scannable
  // (npm itself ignores them at install time) instead of the whole manifest being dropped as malformed.
  description: z.string().optional().catch(undefined),
  dist: Dist,
  deprecated: z.union([z.string(), z.boolean()]).optional().catch(undefined),
  repository: Repository.optional().catch(undefined),
  homepage: z.string().optional().catch(undefined),
  maintainers: People.optional().catch(undefined),
  _npmUser: Person.optional().catch(undefined),
});
type Manifest = z.infer<typeof Manifest>;
const Packument = z.looseObject({
  name: z.string().optional(),
  'dist-tags': z.record(z.string(), z.string()).optional(),
  // Each manifest is validated on its own below, so one malformed old version does not hide the others.
  versions: z.record(z.string(), z.unknown()).optional(),
  time: z.record(z.string(), z.unknown()).optional(),
  maintainers: People.optional().catch(undefined),
  repository: Repository.optional().catch(undefined),
  homepage: z.string().optional().catch(undefined),
  description: z.string().optional().catch(undefined),
  modified: z.string().optional(),
});
const Unpublished = z.looseObject({ time: z.string().optional(), versions: z.array(z.string()).optional() });

/** Manifests a packument keeps checked (far more versions than any package has). */
const MAX_CHECKED_MANIFESTS = 100_000;

/**
 * The version manifests of a packument, each checked when first asked for: a scan reads one or two of them, and
 * checking all of a long-lived package's (express: about 280) through zod cost about 75 ms of every scan.
 */
class Manifests {
  readonly #raw: Readonly<Record<string, unknown>>;

  constructor(raw: Readonly<Record<string, unknown>>) {
    this.#raw = raw;
  }

  /** The manifest of a version, or undefined when the packument lists none or a malformed one. */
  readonly get = memoize((version: string): Manifest | undefined => {
    if (!Object.hasOwn(this.#raw, version)) return undefined;
    const parsed = Manifest.safeParse(this.#raw[version]);
    return parsed.success ? parsed.data : undefined;
  }, MAX_CHECKED_MANIFESTS);

  /** Versions, in the packument's order, whose well-formed manifest carries provenance attestations. */
  attested(): string[] {
    // Only a manifest that names attestations can qualify, so the others are never checked.
    return Object.keys(this.#raw).filter(
      (version) =>
        rec(rec(this.#raw[version])['dist'])['attestations'] !== undefined &&
        this.get(version)?.dist['attestations'] !== undefined,
    );
  }
}

interface ParsedPackument {
  readonly name: string;
  readonly distTags: Readonly<Record<string, string>>;
  readonly manifests: Manifests;
  /** Versions listed by the registry, valid manifest or not. */
  readonly listed: readonly string[];
  readonly times: ReadonlyMap<string, string>;
  readonly unpublishedAt?: string;
  readonly maintainers: readonly { name?: string; email?: string }[];
  readonly repository?: string;
  readonly homepage?: string;
  readonly description?: string;
}

function person(p: z.infer<typeof Person>): { name?: string; email?: string } {
  if (typeof p === 'string') {
    // npm's "Name <email> (url)" shorthand.
    const m = /^([^<(]*?)\s*(?:<([^>]*)>)?\s*(?:\([^)]*\))?$/.exec(p.trim());
    const name = m?.[1]?.trim();
    const email = m?.[2]?.trim();
    return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
  }
  return {
    ...(p.name !== undefined ? { name: p.name } : {}),
    ...(p.email !== undefined ? { email: p.email } : {}),
  };
}

function repositoryUrl(r: z.infer<typeof Repository> | undefined): string | undefined {
  if (r === undefined) return undefined;
  if (typeof r === 'string') return r;
  return r.url;
}

function parsePackument(body: Buffer, name: string): ParsedPackument {
  const p = parseRegistryJson(body, Packument, `the npm packument of ${name}`);
  const manifests = new Manifests(p.versions ?? {});
  const listed = Object.keys(p.versions ?? {});
  const times = new Map<string, string>();
  let unpublishedAt: string | undefined;
  for (const [key, value] of Object.entries(p.time ?? {})) {
    if (key === 'unpublished') {
      const u = Unpublished.safeParse(value);
      if (u.success) unpublishedAt = isoDate(u.data.time) ?? unpublishedAt;
      continue;
    }
    const iso = isoDate(value);
    if (iso !== undefined) times.set(key, iso);
  }
  const latest = p['dist-tags']?.['latest'];
  const latestManifest = latest !== undefined ? manifests.get(latest) : undefined;
  const people =
    p.maintainers ??
    latestManifest?.maintainers ??
    (latestManifest?._npmUser ? [latestManifest._npmUser] : []);
  const repository = repositoryUrl(p.repository) ?? repositoryUrl(latestManifest?.repository);
  const homepage = p.homepage ?? latestManifest?.homepage;
  const description = p.description ?? latestManifest?.description;
  return {
    name: p.name ?? name,
    distTags: p['dist-tags'] ?? {},
    manifests,
    listed,
    times,
    maintainers: people.map(person),
    ...(unpublishedAt !== undefined ? { unpublishedAt } : {}),
    ...(repository !== undefined ? { repository } : {}),
    ...(homepage !== undefined ? { homepage } : {}),
    ...(description !== undefined ? { description } : {}),
  };
}

/**
 * npm replaces a removed malicious package with a "security holding" package: one version named
 * 0.0.1-security (older ones 0.0.2-security), an empty module pointing at npm/security-holder.
 */
export function isSecurityPlaceholder(version: string): boolean {
  return /^0\.0\.\d+-security$/.test(version);
}

function deprecationOf(m: Manifest | undefined): string | undefined {
  if (m === undefined) return undefined;
  if (typeof m.deprecated === 'string' && m.deprecated !== '') return m.deprecated;
  return m.deprecated === true ? 'deprecated' : undefined;
}

function tarballName(url: string, name: string, version: string): string {
  try {
    const last = new URL(url).pathname.split('/').pop();
    if (last !== undefined && last !== '') return decodeURIComponent(last);
  } catch {
    // Fall through to the conventional name.
  }
  return `${name.replace(/^@[^/]+\//, '')}-${version}.tgz`;
}

export interface NpmClientOptions {
  readonly registry?: string;
  /** Sent as a bearer token to the registry's own origin only. */
  readonly token?: string;
}

export class NpmClient implements RegistryClient {
  readonly ecosystem = 'npm' as const;
  readonly registry: string;
  private readonly transport: Transport;
  private readonly token: string | undefined;

  constructor(transport: Transport, options: NpmClientOptions = {}) {
    this.transport = transport;
    this.registry = (options.registry ?? DEFAULT_NPM_REGISTRY).replace(/\/+$/, '');
    this.token = options.token;
  }

  private async packument(name: string, abbreviated: boolean): Promise<ParsedPackument> {
    assertNpmName(name);
    const url = `${this.registry}/${npmPackumentPath(name)}`;
    const response = await this.transport.getMeta(
      url,
      abbreviated ? ABBREVIATED_ACCEPT : FULL_ACCEPT,
      `the npm packument of ${name}`,
      this.authHeaders(url),
    );
    return parsePackument(response.body, name);
  }

  private authHeaders(url: string): Record<string, string> {
    if (this.token === undefined) return {};
    return new URL(url).origin === new URL(this.registry).origin
      ? { authorization: `Bearer ${this.token}` }
      : {};
  }

  async resolve(name: string, requested?: string, options: ResolveOptions = {}): Promise<ReleaseInfo> {
    const p = await this.packument(name, options.abbreviated === true);
    const { version, pinned } = pickNpmVersion(p, requested);
    const manifest = p.manifests.get(version);
    if (manifest === undefined) {
      throw new AssayError('E_METADATA', `The npm registry's entry for ${name}@${version} is malformed.`);
    }
    const versions: VersionInfo[] = p.listed.map((v) => {
      const publishedAt = p.times.get(v);
      return { version: v, ...(publishedAt !== undefined ? { publishedAt } : {}) };
    });
    const dist = manifest.dist;
    const file: ArtifactFile = {
      ecosystem: 'npm',
      name: p.name,
      version,
      url: dist.tarball,
      filename: tarballName(dist.tarball, p.name, version),
      kind: 'tgz',
      hashes: {
        ...(dist.integrity !== undefined ? { integrity: dist.integrity } : {}),
        ...(dist.shasum !== undefined ? { sha1: dist.shasum.toLowerCase() } : {}),
      },
      yanked: false,
    };
    const deprecated = deprecationOf(manifest);
    const publishedAt = p.times.get(version);
    return {
      ecosystem: 'npm',
      name: p.name,
      version,
      pinned,
      versions,
      files: [file],
      yanked: false,
      ...(deprecated !== undefined ? { deprecated } : {}),
      ...(publishedAt !== undefined ? { publishedAt } : {}),
    };
  }

  fetchArtifact(file: ArtifactFile): Promise<FetchedBytes> {
    return this.transport.getArtifact(file, this.authHeaders(file.url));
  }

  async packageInfo(name: string, version?: string): Promise<PackageFacts> {
    let p: ParsedPackument;
    try {
      p = await this.packument(name, false);
    } catch (error) {
      if (isAssayError(error) && error.code === 'E_NOT_FOUND') {
        return {
          ecosystem: 'npm',
          name,
          status: 'not-found',
          versionCount: 0,
          versions: [],
          maintainers: [],
        };
      }
      throw error;
    }
    const versions: VersionInfo[] = p.listed
      .map((v) => {
        const publishedAt = p.times.get(v);
        return { version: v, ...(publishedAt !== undefined ? { publishedAt } : {}) };
      })
      .sort((a, b) => (a.publishedAt ?? '').localeCompare(b.publishedAt ?? ''));
    const published = versions.map((v) => v.publishedAt).filter((t): t is string => t !== undefined);
    const latestVersion = p.distTags['latest'];
    let status: PackageFacts['status'] = 'exists';
    let removedReason: PackageFacts['removedReason'];
    if (p.listed.length === 0) {
      status = 'removed';
      removedReason = p.unpublishedAt !== undefined ? 'unpublished' : 'no-releases';
    } else if (p.listed.every((v) => isSecurityPlaceholder(v))) {
      status = 'removed';
      removedReason = 'security-placeholder';
    }
    const firstPublishedAt = p.times.get('created') ?? published[0];
    const latestPublishedAt = published[published.length - 1];
    const modifiedAt = p.times.get('modified');
    const versionPublishedAt = version !== undefined ? p.times.get(version) : undefined;
    const deprecated = deprecationOf(p.manifests.get(version ?? latestVersion ?? ''));
    // Which versions were published with provenance: a version without it after one with it is a finding.
    const attestedVersions = p.manifests.attested();
    return {
      ecosystem: 'npm',
      name: p.name,
      status,
      versionCount: p.listed.length,
      versions: versions.slice(-1000),
      maintainers: p.maintainers,
      ...(removedReason !== undefined ? { removedReason } : {}),
      ...(latestVersion !== undefined ? { latestVersion } : {}),
      ...(firstPublishedAt !== undefined ? { firstPublishedAt } : {}),
      ...(latestPublishedAt !== undefined ? { latestPublishedAt } : {}),
      ...(versionPublishedAt !== undefined ? { versionPublishedAt } : {}),
      ...(modifiedAt !== undefined ? { modifiedAt } : {}),
      ...(p.unpublishedAt !== undefined ? { unpublishedAt: p.unpublishedAt } : {}),
      ...(p.repository !== undefined ? { repository: p.repository } : {}),
      ...(p.homepage !== undefined ? { homepage: p.homepage } : {}),
      ...(p.description !== undefined ? { summary: p.description } : {}),
      ...(deprecated !== undefined ? { deprecated } : {}),
      ...(attestedVersions.length > 0 ? { attestedVersions } : {}),
    };
  }
}

/** npm's choice: an exact version, a dist-tag, or the highest version in a range (preferring `latest` when it fits). */
export function pickNpmVersion(
  p: Pick<ParsedPackument, 'name' | 'distTags' | 'listed'>,
  requested: string | undefined,
): { version: string; pinned: boolean } {
  const listed = p.listed;
  if (listed.length === 0) {
    throw new AssayError('E_NOT_FOUND', `npm package ${p.name} has no published versions (it was removed).`);
  }
  const latest = p.distTags['latest'];
  if (requested === undefined || requested === '') {
    if (latest !== undefined && listed.includes(latest)) return { version: latest, pinned: false };
    const max = semver.maxSatisfying(listed, '*', { includePrerelease: true, loose: true });
    if (max !== null) return { version: max, pinned: false };
    return { version: listed[listed.length - 1]!, pinned: false };
  }
  if (listed.includes(requested)) return { version: requested, pinned: true };
  const cleaned = semver.valid(requested, { loose: true });
  if (cleaned !== null && listed.includes(cleaned)) return { version: cleaned, pinned: true };
  const tagged = p.distTags[requested];
  if (tagged !== undefined && listed.includes(tagged)) return { version: tagged, pinned: false };
  if (cleaned === null && semver.validRange(requested, { loose: true }) !== null) {
    if (
      latest !== undefined &&
      listed.includes(latest) &&
      semver.satisfies(latest, requested, { loose: true })
    ) {
      return { version: latest, pinned: false };
    }
    const max = semver.maxSatisfying(listed, requested, { loose: true });
    if (max !== null) return { version: max, pinned: false };
  }
  throw new AssayError(
    'E_NOT_FOUND',
    `npm package ${p.name} has no version matching "${requested}"${latest !== undefined ? ` (latest is ${latest})` : ''}.`,
  );
}
