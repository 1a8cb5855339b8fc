import type { Ecosystem } from '../metadata/types.ts';

/** What the user asked to scan: a package by registry name, or something on disk. */
export type ScanTarget = RegistryTarget | PathTarget;

export interface RegistryTarget {
  readonly kind: 'registry';
  readonly ecosystem: Ecosystem;
  /** As given, except that purl rules (percent-decoding, pypi lowercasing) are applied. */
  readonly name: string;
  /**
   * What version was asked for, undefined for "the latest". For PyPI an exact version (from `==1.0` or a purl)
   * or a PEP 440 specifier; for npm an exact version, a dist-tag or a semver range.
   */
  readonly version?: string;
  /** Purl qualifiers (keys lowercased, values decoded), empty for the `pypi:` / `npm:` forms. */
  readonly qualifiers: Readonly<Record<string, string>>;
  readonly subpath?: string;
  /** The text the user typed, for messages. */
  readonly input: string;
}

export interface PathTarget {
  readonly kind: 'path';
  readonly path: string;
  readonly input: string;
}

/** sdist and wheel are PyPI's; tgz is npm's tarball; other covers eggs, installers and unknown files. */
export type ArtifactKind = 'sdist' | 'wheel' | 'tgz' | 'other';

/** Digests as the registry published them: hex for sha256 / sha1 / md5 / blake2b_256. */
export interface ArtifactHashes {
  readonly sha256?: string;
  readonly sha1?: string;
  readonly md5?: string;
  readonly blake2b_256?: string;
  /** npm's Subresource Integrity string (`sha512-<base64>`, possibly several, space-separated). */
  readonly integrity?: string;
}

export interface ArtifactFile {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly version: string;
  readonly url: string;
  readonly filename: string;
  readonly kind: ArtifactKind;
  readonly hashes: ArtifactHashes;
  readonly yanked: boolean;
  readonly yankedReason?: string;
  readonly size?: number;
  readonly requiresPython?: string;
  readonly uploadedAt?: string;
  /** PyPI (PEP 740): the URL of the file's provenance, when the index links one. */
  readonly provenance?: string;
}

export interface VersionInfo {
  readonly version: string;
  /** ISO 8601, when the registry says. */
  readonly publishedAt?: string;
  readonly yanked?: boolean;
}

export interface ReleaseInfo {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly version: string;
  /** True when the request named this exact version (so a yanked release may be chosen). */
  readonly pinned: boolean;
  readonly versions: readonly VersionInfo[];
  readonly files: readonly ArtifactFile[];
  /** PyPI: every file of the version is yanked (PEP 592). */
  readonly yanked: boolean;
  readonly yankedReason?: string;
  /** npm: the version's `deprecated` message. */
  readonly deprecated?: string;
  readonly publishedAt?: string;
}

export type PackageStatus = 'exists' | 'not-found' | 'removed';

export type RemovedReason = 'security-placeholder' | 'unpublished' | 'no-releases';

/** Registry facts the hunting checks need; every field is optional because registries and mirrors differ. */
export interface PackageFacts {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly status: PackageStatus;
  readonly removedReason?: RemovedReason;
  readonly latestVersion?: string;
  readonly versionCount: number;
  /** Sorted by publish time when known, else as the registry listed them. At most 1000 entries. */
  readonly versions: readonly VersionInfo[];
  readonly firstPublishedAt?: string;
  readonly latestPublishedAt?: string;
  /** Publish time of the version asked for in packageInfo(name, version). */
  readonly versionPublishedAt?: string;
  /** npm `time.modified`. */
  readonly modifiedAt?: string;
  /** npm `time.unpublished.time`. */
  readonly unpublishedAt?: string;
  readonly maintainers: readonly { readonly name?: string; readonly email?: string }[];
  readonly repository?: string;
  readonly homepage?: string;
  readonly summary?: string;
  /** npm: the latest (or asked-for) version's deprecation message. */
  readonly deprecated?: string;
  /** npm: the versions whose manifest lists `dist.attestations` (published with provenance). */
  readonly attestedVersions?: readonly string[];
}

export interface ResolveOptions {
  /** npm: ask for the abbreviated packument (no publish times, smaller). */
  readonly abbreviated?: boolean;
}

/** One registry, whatever its protocol. */
export interface RegistryClient {
  readonly ecosystem: Ecosystem;
  resolve(name: string, version?: string, options?: ResolveOptions): Promise<ReleaseInfo>;
  /** Download (or read from the cache) and verify against the registry's digest. */
  fetchArtifact(file: ArtifactFile): Promise<FetchedBytes>;
  packageInfo(name: string, version?: string): Promise<PackageFacts>;
}

export type HashAlgorithm = 'sha512' | 'sha384' | 'sha256' | 'sha1';

export interface FetchedBytes {
  readonly bytes: Buffer;
  readonly sha256: string;
  readonly fromCache: boolean;
  /** The digest that was checked, or 'none' when the registry published none. */
  readonly verifiedWith: HashAlgorithm | 'none';
}

export type ArtifactChoice = 'auto' | 'sdist' | 'wheel' | 'all';

export interface FetchedArtifact {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly version: string;
  readonly filename: string;
  readonly kind: ArtifactKind;
  readonly bytes: Buffer;
  readonly sha256: string;
  readonly url: string;
  readonly yanked?: boolean;
  readonly yankedReason?: string;
  readonly fromCache: boolean;
  readonly verifiedWith: HashAlgorithm | 'none';
  /** PyPI (PEP 740): the URL of the file's provenance, when the index links one. */
  readonly provenance?: string;
}
