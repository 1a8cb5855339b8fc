/**
 * The site's view of a SQLite community index. Prevalence, tier sizes and dependents are read through
 * the CommunityStore interface; the listings a site needs and the store interface does not offer
 * (recent packages, search, versions with their findings, packages showing an id) are read-only
 * queries over the same tables. An ecosystem the index holds nothing of falls back to the shipped
 * snapshot for its prevalence figures.
 */
import type Database from 'better-sqlite3';
import type { SqliteCommunityStore } from '../../community/index/sqlite.ts';
import type { Ecosystem } from '../../metadata/types.ts';
import { normalizePackageName } from '../../store/names.ts';
import type { SnapshotPrevalence } from './snapshot-source.ts';
import {
  ECOSYSTEMS,
  type FindingKind,
  type IdPrevalence,
  type IndexedPackage,
  type IndexedVersion,
  type PackageRef,
  type PrevalenceSource,
  type RankedPackageRef,
  type SiteIndex,
} from './types.ts';

interface RefRow {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  indexedAt: string;
}

const REF_COLUMNS = `pk.ecosystem AS ecosystem, pk.display_name AS name, v.version AS version, v.indexed_at AS indexedAt`;

function statements(db: Database.Database) {
  const p = (sql: string) => db.prepare(sql);
  return {
    counts: p(
      `SELECT ecosystem, COUNT(*) AS n FROM community_packages WHERE latest_version_id IS NOT NULL GROUP BY ecosystem`,
    ),
    recent: p(
      `SELECT ${REF_COLUMNS} FROM community_versions v JOIN community_packages pk ON pk.id = v.package_id
        WHERE pk.latest_version_id = v.id ORDER BY v.indexed_at DESC, v.id DESC LIMIT ?`,
    ),
    search: p(
      `SELECT ${REF_COLUMNS} FROM community_packages pk JOIN community_versions v ON v.id = pk.latest_version_id
        WHERE pk.name LIKE ? ESCAPE '\\' AND (? IS NULL OR pk.ecosystem = ?)
        ORDER BY (pk.name = ?) DESC, (pk.name LIKE ? ESCAPE '\\') DESC, length(pk.name), pk.name LIMIT ?`,
    ),
    package: p(
      `SELECT pk.id AS id, pk.display_name AS name, lv.version AS latest FROM community_packages pk
         LEFT JOIN community_versions lv ON lv.id = pk.latest_version_id
        WHERE pk.ecosystem = ? AND pk.name = ?`,
    ),
    versions: p(
      `SELECT v.id AS id, v.version AS version, v.indexed_at AS indexedAt, a.sha256 AS sha256, a.filename AS filename,
              a.size AS size, s.analyzer_version AS analyzerVersion, s.complete AS complete
         FROM community_versions v
         LEFT JOIN community_artifacts a ON a.version_id = v.id
         LEFT JOIN community_scans s ON s.sha256 = a.sha256
        WHERE v.package_id = ? ORDER BY v.indexed_at DESC, v.id DESC`,
    ),
    findings: p(
      `SELECT kind, finding_id AS id, count FROM community_findings WHERE sha256 = ? ORDER BY kind, finding_id`,
    ),
    // Latest versions in popularity order (unranked last), and a probe for one id in one version: the most
    // popular packages showing an id are found by walking the first until the probe has answered enough.
    changes: p('SELECT total_changes()').pluck(),
    ranked: p(
      `SELECT ${REF_COLUMNS}, v.id AS versionId,
              (SELECT MIN(r.rank) FROM community_popularity r WHERE r.ecosystem = pk.ecosystem AND r.name = pk.name) AS rank
         FROM community_packages pk JOIN community_versions v ON v.id = pk.latest_version_id
        WHERE pk.ecosystem = ? ORDER BY rank IS NULL, rank, pk.name`,
    ),
    shows: p(
      `SELECT 1 FROM community_artifacts a
         JOIN community_findings f ON f.sha256 = a.sha256 AND f.kind = ? AND f.finding_id = ?
        WHERE a.version_id = ? LIMIT 1`,
    ).pluck(),
  };
}

function likePattern(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export class SqliteSiteIndex implements SiteIndex {
  readonly #store: SqliteCommunityStore;
  readonly #snapshots: SnapshotPrevalence;
  readonly #s: ReturnType<typeof statements>;
  /** Per revision: latest versions in popularity order, and the answers already found per id. */
  #revision = '';
  readonly #ranked = new Map<Ecosystem, readonly (RankedPackageRef & { versionId: number })[]>();
  readonly #showing = new Map<string, readonly RankedPackageRef[]>();

  constructor(store: SqliteCommunityStore, snapshots: SnapshotPrevalence) {
    this.#store = store;
    this.#snapshots = snapshots;
    this.#s = statements(store.database);
  }

  #localSource(ecosystem: Ecosystem): PrevalenceSource | null {
    const state = this.#store.state(ecosystem);
    if (state === null || state.packages.community === 0 || state.analyzerVersion === null) return null;
    return {
      ecosystem,
      kind: 'local index',
      name: `local community index (${this.#store.location})`,
      packages: state.packages,
      built: state.refreshedAt ?? '',
      analyzerVersion: state.analyzerVersion,
    };
  }

  async revision(): Promise<string> {
    // data_version changes when another connection commits, total_changes when this one writes (tests).
    const db = this.#store.database;
    return `${String(db.pragma('data_version', { simple: true }))}:${String(this.#s.changes.get())}`;
  }

  async sources(): Promise<readonly PrevalenceSource[]> {
    return ECOSYSTEMS.flatMap((ecosystem) => {
      const source = this.#localSource(ecosystem) ?? this.#snapshots.source(ecosystem);
      return source === null ? [] : [source];
    });
  }

  async indexedCounts(): Promise<Readonly<Record<Ecosystem, number>>> {
    const out: Record<Ecosystem, number> = { npm: 0, pypi: 0 };
    for (const row of this.#s.counts.all() as { ecosystem: Ecosystem; n: number }[]) {
      if (row.ecosystem in out) out[row.ecosystem] = row.n;
    }
    return out;
  }

  async recent(limit: number): Promise<readonly PackageRef[]> {
    return this.#s.recent.all(limit) as RefRow[];
  }

  async search(query: string, ecosystem: Ecosystem | null, limit: number): Promise<readonly PackageRef[]> {
    const trimmed = query.trim();
    if (trimmed === '') return [];
    // Names are stored normalized per ecosystem; normalize the query the same way for both.
    const forms = new Set(
      ECOSYSTEMS.filter((e) => ecosystem === null || e === ecosystem).map((e) =>
        normalizePackageName(e, trimmed),
      ),
    );
    const seen = new Set<string>();
    const out: PackageRef[] = [];
    for (const form of forms) {
      const rows = this.#s.search.all(
        `%${likePattern(form)}%`,
        ecosystem,
        ecosystem,
        form,
        `${likePattern(form)}%`,
        limit,
      ) as RefRow[];
      for (const row of rows) {
        const key = `${row.ecosystem}\0${row.name}`;
        if (!seen.has(key)) {
          seen.add(key);
          out.push(row);
        }
      }
    }
    return out.slice(0, limit);
  }

  async package(ecosystem: Ecosystem, name: string): Promise<IndexedPackage | null> {
    const row = this.#s.package.get(ecosystem, normalizePackageName(ecosystem, name)) as
      | { id: number; name: string; latest: string | null }
      | undefined;
    if (row === undefined) return null;
    const versions: IndexedVersion[] = [];
    const byVersion = new Map<string, IndexedVersion>();
    for (const v of this.#s.versions.all(row.id) as {
      version: string;
      indexedAt: string;
      sha256: string | null;
      filename: string | null;
      size: number | null;
      analyzerVersion: string | null;
      complete: number | null;
    }[]) {
      // A version with several artifacts (a wheel and an sdist) shows the first one scanned.
      if (byVersion.has(v.version)) continue;
      const entry: IndexedVersion = {
        version: v.version,
        indexedAt: v.indexedAt,
        artifact:
          v.sha256 === null ? null : { sha256: v.sha256, filename: v.filename ?? '', size: v.size ?? 0 },
        analyzerVersion: v.analyzerVersion,
        complete: v.complete === 1,
        findings:
          v.sha256 === null
            ? []
            : (this.#s.findings.all(v.sha256) as { kind: FindingKind; id: string; count: number }[]),
      };
      byVersion.set(v.version, entry);
      versions.push(entry);
    }
    const hasData = this.#store.state(ecosystem) !== null;
    return {
      ecosystem,
      name: row.name,
      latest: row.latest,
      versions,
      dependents: hasData ? this.#store.dependentsCount(ecosystem, row.name) : null,
    };
  }

  async prevalence(ecosystem: Ecosystem, kind: FindingKind, id: string): Promise<IdPrevalence | null> {
    const local = this.#localSource(ecosystem);
    if (local !== null) return { source: local, counts: this.#store.prevalence(ecosystem, kind, id) };
    return this.#snapshots.prevalence(ecosystem, kind, id);
  }

  async packagesShowing(
    ecosystem: Ecosystem,
    kind: FindingKind,
    id: string,
    limit: number,
  ): Promise<readonly RankedPackageRef[]> {
    const revision = await this.revision();
    if (revision !== this.#revision) {
      this.#ranked.clear();
      this.#showing.clear();
      this.#revision = revision;
    }
    const key = `${ecosystem}\0${kind}\0${id}\0${limit}`;
    let found = this.#showing.get(key);
    if (found !== undefined) return found;
    let ranked = this.#ranked.get(ecosystem);
    if (ranked === undefined) {
      ranked = this.#s.ranked.all(ecosystem) as (RankedPackageRef & { versionId: number })[];
      this.#ranked.set(ecosystem, ranked);
    }
    const out: RankedPackageRef[] = [];
    for (const { versionId, ...ref } of ranked) {
      if (out.length >= limit) break;
      if (this.#s.shows.get(kind, id, versionId) !== undefined) out.push(ref);
    }
    found = out;
    // Bounded by the catalog's size (ids × ecosystems), a few hundred entries.
    this.#showing.set(key, found);
    return found;
  }

  async close(): Promise<void> {
    this.#store.close();
  }
}
