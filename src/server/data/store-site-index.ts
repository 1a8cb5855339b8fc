/**
 * The site's view of a community index, over the queries of either backend (site-queries.ts). Prevalence,
 * tier sizes and dependents come from the index; an ecosystem it holds nothing of falls back to the shipped
 * snapshot for its prevalence figures.
 */
import type { Ecosystem } from '../../metadata/types.ts';
import { normalizePackageName } from '../../store/names.ts';
import type { SiteQueries } from './site-queries.ts';
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

export class StoreSiteIndex implements SiteIndex {
  readonly #q: SiteQueries;
  readonly #snapshots: SnapshotPrevalence;
  /** Per revision: latest versions in popularity order, and the answers already found per id. */
  #revision = '';
  readonly #ranked = new Map<Ecosystem, readonly (RankedPackageRef & { versionId: number })[]>();
  readonly #showing = new Map<string, readonly RankedPackageRef[]>();

  constructor(queries: SiteQueries, snapshots: SnapshotPrevalence) {
    this.#q = queries;
    this.#snapshots = snapshots;
  }

  async #localSource(ecosystem: Ecosystem): Promise<PrevalenceSource | null> {
    const state = await this.#q.state(ecosystem);
    if (state === null || state.packages.community === 0 || state.analyzerVersion === null) return null;
    return {
      ecosystem,
      kind: 'local index',
      name: `local community index (${this.#q.location})`,
      packages: state.packages,
      built: state.refreshedAt ?? '',
      analyzerVersion: state.analyzerVersion,
    };
  }

  revision(): Promise<string> {
    return this.#q.revision();
  }

  async sources(): Promise<readonly PrevalenceSource[]> {
    const out: PrevalenceSource[] = [];
    for (const ecosystem of ECOSYSTEMS) {
      const source = (await this.#localSource(ecosystem)) ?? this.#snapshots.source(ecosystem);
      if (source !== null) out.push(source);
    }
    return out;
  }

  async indexedCounts(): Promise<Readonly<Record<Ecosystem, number>>> {
    const out: Record<Ecosystem, number> = { npm: 0, pypi: 0 };
    for (const row of await this.#q.counts()) if (row.ecosystem in out) out[row.ecosystem] = row.n;
    return out;
  }

  recent(limit: number): Promise<readonly PackageRef[]> {
    return this.#q.recent(limit);
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
      for (const row of await this.#q.search(form, ecosystem, limit)) {
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
    const row = await this.#q.packageRow(ecosystem, normalizePackageName(ecosystem, name));
    if (row === null) return null;
    const versions: IndexedVersion[] = [];
    const seen = new Set<string>();
    for (const v of await this.#q.versions(row.id)) {
      // A version with several artifacts (a wheel and an sdist) shows the first one scanned.
      if (seen.has(v.version)) continue;
      seen.add(v.version);
      versions.push({
        version: v.version,
        indexedAt: v.indexedAt,
        artifact:
          v.sha256 === null ? null : { sha256: v.sha256, filename: v.filename ?? '', size: v.size ?? 0 },
        analyzerVersion: v.analyzerVersion,
        complete: v.complete === true,
        findings: v.sha256 === null ? [] : await this.#q.findings(v.sha256),
      });
    }
    const hasData = (await this.#q.state(ecosystem)) !== null;
    return {
      ecosystem,
      name: row.name,
      latest: row.latest,
      versions,
      dependents: hasData ? await this.#q.dependentsCount(ecosystem, row.name) : null,
    };
  }

  async prevalence(ecosystem: Ecosystem, kind: FindingKind, id: string): Promise<IdPrevalence | null> {
    const local = await this.#localSource(ecosystem);
    if (local !== null) return { source: local, counts: await this.#q.prevalence(ecosystem, kind, id) };
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
      ranked = await this.#q.ranked(ecosystem);
      this.#ranked.set(ecosystem, ranked);
    }
    // The most popular packages showing an id: walk the popularity order until enough have answered.
    const out: RankedPackageRef[] = [];
    for (const { versionId, ...ref } of ranked) {
      if (out.length >= limit) break;
      if (await this.#q.shows(kind, id, versionId)) out.push(ref);
    }
    found = out;
    // Bounded by the catalog's size (ids × ecosystems), a few hundred entries.
    this.#showing.set(key, found);
    return found;
  }

  close(): Promise<void> {
    return this.#q.close();
  }
}
