import { loadShippedSnapshot, snapshotCounts } from '../../community/index/snapshot.ts';
import type { Ecosystem } from '../../metadata/types.ts';
import type { FindingKind, IdPrevalence, PrevalenceSource } from './types.ts';

/** The shipped prevalence snapshots (data/prevalence/), read once: what a fresh clone serves. */
export class SnapshotPrevalence {
  readonly #loaded = new Map<Ecosystem, ReturnType<typeof loadShippedSnapshot>>();
  readonly #dir: string | undefined;

  constructor(dir?: string) {
    this.#dir = dir;
  }

  #snapshot(ecosystem: Ecosystem) {
    if (!this.#loaded.has(ecosystem)) {
      this.#loaded.set(
        ecosystem,
        this.#dir === undefined ? loadShippedSnapshot(ecosystem) : loadShippedSnapshot(ecosystem, this.#dir),
      );
    }
    return this.#loaded.get(ecosystem) ?? null;
  }

  source(ecosystem: Ecosystem): PrevalenceSource | null {
    const snapshot = this.#snapshot(ecosystem);
    if (snapshot === null) return null;
    return {
      ecosystem,
      kind: 'shipped snapshot',
      name: `${snapshot.name} (${snapshot.corpus})`,
      packages: snapshot.packages,
      built: snapshot.built,
      analyzerVersion: snapshot.analyzerVersion,
    };
  }

  prevalence(ecosystem: Ecosystem, kind: FindingKind, id: string): IdPrevalence | null {
    const snapshot = this.#snapshot(ecosystem);
    const source = this.source(ecosystem);
    if (snapshot === null || source === null) return null;
    return { source, counts: snapshotCounts(snapshot, kind, id) };
  }
}
