/**
 * The names `community enqueue` puts on the queue: the public rankings first (complete popularity tiers),
 * then, level by level, what indexed packages depend on (a breadth-first crawl of the dependency graph).
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Ecosystem } from '../../metadata/types.ts';
import type { SnapshotStore } from '../data/snapshots.ts';
import type { CommunityIndex } from '../index/types.ts';
import type { IndexJob } from './types.ts';

/**
 * npm: every name of npm-high-impact, the download ranking in rank order and then the names that are only
 * in the dependents ranking (about 15,100 in all). PyPI: the download ranking.
 */
export function seedNames(snapshots: SnapshotStore, ecosystem: Ecosystem, top?: number): string[] {
  let names: string[];
  if (ecosystem === 'npm') {
    const snap = snapshots.npmHighImpact();
    const seen = new Set(snap.topDownload);
    names = [...snap.topDownload, ...snap.topDependent.filter((name) => !seen.has(name))];
  } else {
    names = [...snapshots.pypiTop().names];
  }
  return top === undefined ? names : names.slice(0, top);
}

export function seedJobs(
  snapshots: SnapshotStore,
  ecosystem: Ecosystem,
  analyzer: string,
  top?: number,
): IndexJob[] {
  const origin = ecosystem === 'npm' ? 'npm-high-impact' : 'pypi-top';
  return seedNames(snapshots, ecosystem, top).map((name) => ({
    ecosystem,
    name,
    version: null,
    analyzer,
    origin,
  }));
}

/** One level of the crawl: up to `limit` names that indexed packages depend on and the index lacks. */
export async function crawlJobs(
  index: CommunityIndex,
  ecosystem: Ecosystem,
  analyzer: string,
  limit: number,
): Promise<IndexJob[]> {
  const names = await index.unindexedDependencies(ecosystem, limit);
  return names.map((name) => ({ ecosystem, name, version: null, analyzer, origin: 'crawl' }));
}

const ARCHIVE_NAME = /\.(whl|zip|egg|tar\.gz|tgz|tar\.bz2|tar\.xz|tar)$/i;

/** Every archive directly inside `dir` (a mirror on storage all workers share), one job each. */
export function directoryJobs(dir: string, ecosystem: Ecosystem, analyzer: string): IndexJob[] {
  return readdirSync(dir)
    .filter((name) => ARCHIVE_NAME.test(name))
    .sort()
    .map((file) => ({
      ecosystem,
      name: file,
      version: null,
      analyzer,
      origin: 'dir',
      target: resolve(dir, file),
    }));
}
