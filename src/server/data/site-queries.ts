/**
 * The reads the site needs from a community index, one method per query, so that the site's logic
 * (src/server/data/store-site-index.ts) is written once for SQLite and PostgreSQL. Names are the stored,
 * normalized ones; every method is read-only.
 */
import type { CommunityState, TierCounts } from '../../community/index/types.ts';
import type { Ecosystem } from '../../metadata/types.ts';
import type { FindingKind, PackageRef, RankedPackageRef } from './types.ts';

export interface VersionRow {
  readonly version: string;
  readonly indexedAt: string;
  readonly sha256: string | null;
  readonly filename: string | null;
  readonly size: number | null;
  readonly analyzerVersion: string | null;
  readonly complete: boolean | null;
}

export interface SiteQueries {
  /** Where the index lives, for the prevalence source's name (credentials removed). */
  readonly location: string;
  /** Changes whenever a commit may have changed what the index holds. */
  revision(): Promise<string>;
  state(ecosystem: Ecosystem): Promise<CommunityState | null>;
  prevalence(ecosystem: Ecosystem, kind: FindingKind, id: string): Promise<TierCounts | null>;
  dependentsCount(ecosystem: Ecosystem, name: string): Promise<number>;
  /** Packages with a latest version, per ecosystem. */
  counts(): Promise<readonly { readonly ecosystem: Ecosystem; readonly n: number }[]>;
  recent(limit: number): Promise<readonly PackageRef[]>;
  /**
   * Latest versions whose name contains `form` (exact match first, then prefix, then shorter names), in
   * one ecosystem or all.
   */
  search(form: string, ecosystem: Ecosystem | null, limit: number): Promise<readonly PackageRef[]>;
  packageRow(
    ecosystem: Ecosystem,
    name: string,
  ): Promise<{ readonly id: number; readonly name: string; readonly latest: string | null } | null>;
  /** Newest first. */
  versions(packageId: number): Promise<readonly VersionRow[]>;
  findings(
    sha256: string,
  ): Promise<readonly { readonly kind: FindingKind; readonly id: string; readonly count: number }[]>;
  /** Latest versions in popularity order, unranked last. */
  ranked(ecosystem: Ecosystem): Promise<readonly (RankedPackageRef & { readonly versionId: number })[]>;
  /** Whether the scan of one version shows the id. */
  shows(kind: FindingKind, id: string, versionId: number): Promise<boolean>;
  close(): Promise<void>;
}

/** A LIKE pattern that matches `text` literally (the queries use ESCAPE '\'). */
export function likePattern(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
