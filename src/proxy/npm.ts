import semver from 'semver';
import { z } from 'zod';

/** The fields of a packument the proxy reads or rewrites; everything else passes through untouched. */
const Dist = z.looseObject({
  tarball: z.string(),
  integrity: z.string().optional(),
  shasum: z.string().optional(),
});
const Manifest = z.looseObject({ dist: Dist });
const Attested = z.looseObject({ dist: z.looseObject({ attestations: z.looseObject({}) }) });
export const Packument = z.looseObject({
  name: z.string(),
  versions: z.record(z.string(), z.unknown()).default({}),
  time: z.record(z.string(), z.unknown()).optional(),
  'dist-tags': z.record(z.string(), z.string()).optional(),
});
export type Packument = z.infer<typeof Packument>;

/** A tarball the proxy announced in a packument it served: where the bytes really are and what they must hash to. */
export interface NpmTarball {
  readonly name: string;
  readonly version: string;
  readonly filename: string;
  readonly upstreamUrl: string;
  readonly integrity?: string;
  readonly shasum?: string;
  readonly manifest: Readonly<Record<string, unknown>>;
  /** The version published just before this one and whether it had provenance (`dist.attestations`). */
  readonly previous?: { readonly version: string; readonly attested: boolean };
}

export interface RewrittenPackument {
  readonly packument: Record<string, unknown>;
  /** Versions taken out because they are younger than the minimum release age (or undated while one is set). */
  readonly hidden: readonly { readonly version: string; readonly publishedAt?: string }[];
  readonly tarballs: readonly NpmTarball[];
}

/** `/npm/<name>/-/<file>` on the proxy: the path npm itself uses, so clients need nothing special. */
export function proxiedTarballPath(name: string, filename: string): string {
  return `/npm/${name}/-/${encodeURIComponent(filename)}`;
}

/**
 * The packument as the client sees it: each tarball URL points back at the proxy (so every download passes the
 * gate), and versions younger than `minAgeMs` are removed with their publish times, so npm resolves an older
 * version instead. A dist-tag that named a hidden version moves to the highest version left.
 */
export function rewritePackument(
  raw: unknown,
  options: { readonly proxyBase: string; readonly now: Date; readonly minAgeMs: number },
): RewrittenPackument {
  const packument = Packument.parse(raw);
  const versions: Record<string, unknown> = {};
  const time: Record<string, unknown> = { ...(packument.time ?? {}) };
  const hidden: { version: string; publishedAt?: string }[] = [];
  const tarballs: NpmTarball[] = [];
  const previousOf = previousVersions(packument);
  for (const [version, value] of Object.entries(packument.versions)) {
    const parsed = Manifest.safeParse(value);
    if (!parsed.success) continue;
    const published = typeof time[version] === 'string' ? (time[version] as string) : undefined;
    if (options.minAgeMs > 0) {
      const at = published === undefined ? Number.NaN : Date.parse(published);
      // An undated version cannot be shown to be old enough: hidden, like a young one.
      if (!Number.isFinite(at) || options.now.getTime() - at < options.minAgeMs) {
        hidden.push({ version, ...(published === undefined ? {} : { publishedAt: published }) });
        delete time[version];
        continue;
      }
    }
    const manifest = parsed.data;
    const filename = tarballName(manifest.dist.tarball, packument.name, version);
    tarballs.push({
      name: packument.name,
      version,
      filename,
      upstreamUrl: manifest.dist.tarball,
      ...(manifest.dist.integrity === undefined ? {} : { integrity: manifest.dist.integrity }),
      ...(manifest.dist.shasum === undefined ? {} : { shasum: manifest.dist.shasum }),
      manifest,
      ...(previousOf.has(version) ? { previous: previousOf.get(version) } : {}),
    });
    versions[version] = {
      ...manifest,
      dist: {
        ...manifest.dist,
        tarball: `${options.proxyBase}${proxiedTarballPath(packument.name, filename)}`,
      },
    };
  }
  const tags: Record<string, string> = {};
  const left = Object.keys(versions).filter((version) => semver.valid(version) !== null);
  for (const [tag, version] of Object.entries(packument['dist-tags'] ?? {})) {
    if (version in versions) tags[tag] = version;
    else {
      const stable = left.filter((v) => semver.prerelease(v) === null);
      const pool = tag === 'latest' && stable.length > 0 ? stable : left;
      const best = semver.rsort([...pool])[0];
      if (best !== undefined) tags[tag] = best;
    }
  }
  return {
    packument: { ...packument, versions, time, 'dist-tags': tags },
    hidden,
    tarballs,
  };
}

/**
 * For each dated version, the one published just before it (hidden ones included: they were published) and
 * whether that one lists attestations: a version without provenance after one with it is a provenance finding.
 */
function previousVersions(packument: Packument): Map<string, { version: string; attested: boolean }> {
  const dated = Object.keys(packument.versions)
    .map((version) => ({ version, at: packument.time?.[version] }))
    .filter((entry): entry is { version: string; at: string } => typeof entry.at === 'string')
    .sort((a, b) => a.at.localeCompare(b.at));
  const out = new Map<string, { version: string; attested: boolean }>();
  for (let i = 1; i < dated.length; i++) {
    const before = dated[i - 1];
    const entry = dated[i];
    if (before === undefined || entry === undefined) continue;
    out.set(entry.version, {
      version: before.version,
      attested: Attested.safeParse(packument.versions[before.version]).success,
    });
  }
  return out;
}

/** The tarball's file name as the registry names it (`is-number-7.0.0.tgz`, `node-20.1.0.tgz` for `@types/node`). */
function tarballName(url: string, name: string, version: string): string {
  try {
    const last = new URL(url).pathname.split('/').pop();
    if (last?.endsWith('.tgz')) return decodeURIComponent(last);
  } catch {
    // fall through to the registry's naming rule
  }
  return `${name.replace(/^@[^/]+\//, '')}-${version}.tgz`;
}
