import type { CheckedName } from './names.ts';
import type { LimitHit, MemberAnomalyKind, UnpackLimits } from './types.ts';

/** Where a reader is: which archive holds the members, how they are named, how deep it is nested. */
export interface Scope {
  /** The archive holding the members, '' for the top-level artifact. */
  readonly container: string;
  /** Prepended to every member path: '' at the top, 'pkg/inner.whl!/' inside a nested archive. */
  readonly prefix: string;
  /** 0 for the top-level archive, 1 for an archive inside it, and so on. */
  readonly depth: number;
}

export const TOP_SCOPE: Scope = { container: '', prefix: '', depth: 0 };

/** What to do with one member after the limits have looked at its size. */
export type Admission = 'read' | 'skip' | 'stop';

/**
 * What a format reader (tar, zip) hands its members to. The readers know only this contract, not the
 * Unpacker that implements it, so the Unpacker can open nested archives with the readers without an
 * import cycle between them.
 */
export interface MemberSink {
  readonly limits: UnpackLimits;
  /**
   * Set once a limit that ends the whole unpack is reached; readers stop at the next member. A reader sets it
   * itself when a capped stream (decompressed only up to the total limit) runs out.
   */
  stopped: boolean;
  anomaly(kind: MemberAnomalyKind, member: string, scope: Scope, detail: string, target?: string): void;
  hit(hit: LimitHit): void;
  /** Counts one member and checks its name; null when the member-count limit ends the unpack. */
  enter(raw: string, scope: Scope): CheckedName | null;
  /** Decides, from a member's (declared) size, whether it may be read. */
  admit(size: number, member: string): Admission;
  /** Keeps a regular member's content (and opens it when it is an archive itself). */
  addFile(path: string, data: Buffer, scope: Scope, raw: string): Promise<void>;
}
