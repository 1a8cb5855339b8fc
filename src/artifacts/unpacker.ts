import { bunzip2Bounded, CorruptStreamError, gunzipBounded, unxzBounded } from './decompress.ts';
import { RATIO_FLOOR_BYTES, tarOverhead } from './limits.ts';
import type { Admission, MemberSink, Scope } from './member-sink.ts';
import { byPath, type CheckedName, checkMemberName } from './names.ts';
import { isTarHeader, type SniffedFormat, sniffFormat } from './sniff.ts';
import { readTar } from './tar.ts';
import type {
  LimitHit,
  MemberAnomaly,
  MemberAnomalyKind,
  NestedArchive,
  PackageFile,
  UnpackLimits,
} from './types.ts';
import { readZip } from './zip.ts';

/** Largest stream we ever materialize, whatever the limits say (Buffer's own ceiling is near 4 GiB). */
const MAX_STREAM_BYTES = 2 ** 31 - 1;

/**
 * The state of one unpack: the files, findings and budgets shared by every reader, nested archives
 * included, so a bomb split over many nested archives still meets one total.
 */
export class Unpacker implements MemberSink {
  readonly files: PackageFile[] = [];
  readonly anomalies: MemberAnomaly[] = [];
  readonly limitHits: LimitHit[] = [];
  readonly nested: NestedArchive[] = [];
  /** Set once a limit that ends the whole unpack (total bytes, member count) is reached. */
  stopped = false;
  private totalBytes = 0;
  private memberCount = 0;
  /** How often each normalized path was seen, to report duplicates. */
  private readonly seen = new Map<string, number>();

  constructor(readonly limits: UnpackLimits) {}

  anomaly(kind: MemberAnomalyKind, member: string, scope: Scope, detail: string, target?: string): void {
    const base = { kind, member, container: scope.container, detail };
    this.anomalies.push(target === undefined ? base : { ...base, target });
  }

  hit(hit: LimitHit): void {
    this.limitHits.push(hit);
  }

  remainingBytes(): number {
    return Math.max(0, this.limits.maxTotalBytes - this.totalBytes);
  }

  /**
   * Counts one member and checks its name, recording every name anomaly. Returns null when the
   * member-count limit ends the unpack. The returned path already carries the scope's prefix.
   */
  enter(raw: string, scope: Scope): CheckedName | null {
    if (this.stopped) return null;
    this.memberCount++;
    if (this.memberCount > this.limits.maxMembers) {
      this.stopped = true;
      this.hit({
        limit: 'member-count',
        max: this.limits.maxMembers,
        observed: this.memberCount,
        member: scope.prefix + raw,
        detail: `more than ${this.limits.maxMembers} members; reading stopped`,
      });
      return null;
    }
    const checked = checkMemberName(raw);
    for (const problem of checked.problems) this.anomaly(problem.kind, raw, scope, problem.detail);
    return { ...checked, path: checked.path === '' ? '' : scope.prefix + checked.path };
  }

  /** Decides, from a member's (declared) size, whether it may be read. */
  admit(size: number, member: string): Admission {
    if (this.stopped) return 'stop';
    if (size > this.limits.maxMemberBytes) {
      this.hit({
        limit: 'member-bytes',
        max: this.limits.maxMemberBytes,
        observed: size,
        member,
        detail: `member of ${size} bytes skipped`,
      });
      return 'skip';
    }
    if (this.totalBytes + size > this.limits.maxTotalBytes) {
      this.stopped = true;
      this.hit({
        limit: 'total-bytes',
        max: this.limits.maxTotalBytes,
        observed: this.totalBytes + size,
        member,
        detail: 'unpacked bytes would pass the total limit; reading stopped',
      });
      return 'stop';
    }
    return 'read';
  }

  /** Keeps a regular member's content and opens it when its magic bytes say it is an archive. */
  async addFile(path: string, data: Buffer, scope: Scope, raw: string): Promise<void> {
    this.totalBytes += data.length;
    const count = (this.seen.get(path) ?? 0) + 1;
    this.seen.set(path, count);
    if (count > 1) {
      // Extractors overwrite, so the last copy is what gets installed; both copies stay analyzable
      // (see finalizeFiles) because the hidden one may be the malicious one.
      this.anomaly('duplicate-name', raw, scope, `a member named ${path} appeared ${count} times`);
    }
    this.files.push({ path, data });
    await this.openNested(path, data, scope);
  }

  private async openNested(path: string, data: Buffer, scope: Scope): Promise<void> {
    // Only leading magic here: a zip end record found by chance inside some binary is no archive.
    const format = sniffFormat(data, { trailingZip: false });
    if (format === 'unknown') return;
    const depth = scope.depth + 1;
    if (depth > this.limits.maxNestingDepth) {
      this.hit({
        limit: 'nesting-depth',
        max: this.limits.maxNestingDepth,
        observed: depth,
        member: path,
        detail: `nested ${format} archive not opened`,
      });
      return;
    }
    const inner: Scope = { container: path, prefix: `${path}!/`, depth };
    try {
      const opened = await openArchive(data, format, inner, this);
      if (opened) this.nested.push({ path, format });
    } catch (error) {
      if (!(error instanceof CorruptStreamError)) throw error;
      // A broken archive inside a package cannot be installed from either; it is a finding about
      // that member, not a reason to stop reading the package around it.
      this.anomaly('unreadable-member', path, scope, `nested ${format} archive is corrupt: ${error.message}`);
    }
  }

  /** The files sorted by path; a duplicated path keeps its last copy, earlier copies get a '~dupN' suffix. */
  finalizeFiles(): PackageFile[] {
    const remaining = new Map(this.seen);
    const out: PackageFile[] = [];
    for (const file of this.files) {
      const left = (remaining.get(file.path) ?? 1) - 1;
      remaining.set(file.path, left);
      out.push(
        left === 0
          ? file
          : { path: `${file.path}~dup${(this.seen.get(file.path) ?? 1) - left}`, data: file.data },
      );
    }
    return out.sort(byPath);
  }
}

/** A tar stream is a tar header, or an empty archive (zero blocks only). */
function looksLikeTar(data: Buffer): boolean {
  if (isTarHeader(data)) return true;
  if (data.length < 512) return false;
  for (let i = 0; i < 512; i++) if (data[i] !== 0) return false;
  return true;
}

/**
 * Reads one archive into the unpacker. Returns false when a compressed stream holds no tar (a plain
 * .gz data file): the caller decides whether that is an error (top level) or just a file (nested).
 * Throws CorruptStreamError for a stream that does not decode.
 */
export async function openArchive(
  bytes: Buffer,
  format: SniffedFormat,
  scope: Scope,
  u: Unpacker,
): Promise<boolean> {
  if (format === 'zip') {
    await readZip(bytes, scope, u);
    return true;
  }
  if (format === 'tar') {
    await readTar(bytes, scope, u);
    return true;
  }
  const limits = u.limits;
  const ratioCap = Math.max(RATIO_FLOOR_BYTES, limits.maxCompressionRatio * bytes.length);
  const totalCap = u.remainingBytes() + tarOverhead(limits);
  const cap = Math.min(ratioCap, totalCap, MAX_STREAM_BYTES);
  const out =
    format === 'tar.gz'
      ? await gunzipBounded(bytes, cap)
      : format === 'tar.bz2'
        ? bunzip2Bounded(bytes, cap)
        : await unxzBounded(bytes, cap);
  if (!looksLikeTar(out.data)) return false;
  let capHit: LimitHit | undefined;
  if (out.capped) {
    const name = scope.container === '' ? 'the archive' : scope.container;
    capHit =
      cap === ratioCap
        ? {
            limit: 'compression-ratio',
            max: limits.maxCompressionRatio,
            observed: Math.round((out.data.length / bytes.length) * 10) / 10,
            ...(scope.container === '' ? {} : { member: scope.container }),
            detail: `${format} stream of ${name} decompressed past the ratio limit; reading stopped`,
          }
        : {
            limit: 'total-bytes',
            max: limits.maxTotalBytes,
            observed: limits.maxTotalBytes - u.remainingBytes() + out.data.length,
            ...(scope.container === '' ? {} : { member: scope.container }),
            detail: `${format} stream of ${name} decompressed past the total limit; reading stopped`,
          };
  }
  await readTar(out.data, scope, u, capHit);
  return true;
}
