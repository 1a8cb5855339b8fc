/** What the archive readers produce: files held in memory, never written to disk. */

export type ArchiveFormat = 'zip' | 'tar' | 'tar.gz' | 'tar.bz2' | 'tar.xz' | 'directory' | 'file';

export interface PackageFile {
  /**
   * Normalized path inside the package, '/'-separated, relative, without a leading './'.
   * A member of a nested archive is named `outer/inner.zip!/member`.
   */
  readonly path: string;
  readonly data: Buffer;
}

/** A member whose name or kind is itself a finding. Never a tool error. */
export type MemberAnomalyKind =
  | 'absolute-path'
  | 'path-traversal'
  | 'drive-letter'
  | 'backslash-in-name'
  | 'nul-in-name'
  | 'control-character-in-name'
  | 'symlink'
  | 'hardlink'
  | 'special-file'
  | 'duplicate-name'
  | 'size-mismatch'
  | 'encrypted-member'
  /** A member that cannot be read: an unsupported compression method, or a nested archive that is corrupt. */
  | 'unreadable-member'
  /** Zip: the central directory and the local header name a member differently. */
  | 'header-mismatch'
  /** Zip: a member's data overlaps another member's data. */
  | 'overlapping-member'
  /** Zip: bytes before the archive itself (skipped, as Python's zipfile skips them). */
  | 'prepended-data';

export interface MemberAnomaly {
  readonly kind: MemberAnomalyKind;
  /** The member's raw name as found in the archive (may contain hostile characters). */
  readonly member: string;
  /** The archive that holds the member ('' for the top-level artifact). */
  readonly container: string;
  readonly detail: string;
  /** Link target, for symlinks and hardlinks. */
  readonly target?: string;
}

export type LimitName =
  | 'total-bytes'
  | 'member-count'
  | 'member-bytes'
  | 'compression-ratio'
  | 'nesting-depth'
  | 'parse-time'
  /** The whole scan's analysis budget (bytes of distinct source): later source files were not analyzed. */
  | 'scan-work'
  /** A package metadata file over its size limit: only its first bytes were read. */
  | 'metadata-bytes'
  /** More entries (requirements) in one metadata file than are kept: the rest were counted, not read. */
  | 'metadata-entries';

export interface LimitHit {
  readonly limit: LimitName;
  readonly max: number;
  /** What was seen when the limit stopped reading (bytes, members, ratio, depth or ms). */
  readonly observed: number;
  readonly member?: string;
  readonly detail: string;
}

export interface UnpackLimits {
  /** Bytes of all members together, after decompression. */
  readonly maxTotalBytes: number;
  readonly maxMembers: number;
  /** Bytes of one member after decompression. */
  readonly maxMemberBytes: number;
  /** Decompressed / compressed bytes, for one member or a whole compressed stream. */
  readonly maxCompressionRatio: number;
  /** Archives inside archives: 0 means nested archives are not opened. */
  readonly maxNestingDepth: number;
}

export const DEFAULT_UNPACK_LIMITS: UnpackLimits = {
  maxTotalBytes: 512 * 1024 * 1024,
  maxMembers: 50_000,
  maxMemberBytes: 128 * 1024 * 1024,
  maxCompressionRatio: 200,
  maxNestingDepth: 2,
};

export interface NestedArchive {
  readonly path: string;
  readonly format: ArchiveFormat;
}

export interface UnpackedArtifact {
  readonly format: ArchiveFormat;
  /** The path the user gave. */
  readonly source: string;
  /** sha256 of the artifact's bytes (for a directory: of its sorted file list and contents). */
  readonly sha256: string;
  /** Bytes of the artifact as stored (compressed). */
  readonly size: number;
  readonly files: readonly PackageFile[];
  readonly anomalies: readonly MemberAnomaly[];
  readonly limitHits: readonly LimitHit[];
  readonly nested: readonly NestedArchive[];
}
