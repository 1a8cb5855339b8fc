/**
 * Full reports (with their evidence) that the server has made or been given, by package and version.
 * The community index keeps only ids and counts per scan; a page shows evidence when the report is here.
 * Kept in memory (bounded) and, when a directory is given, on disk as gzipped JSON under names made from
 * hashes: a package name from an attacker never becomes a path.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Ecosystem } from '../metadata/types.ts';
import type { Report } from '../report/model.ts';
import { normalizePackageName } from '../store/names.ts';

const MEMORY_LIMIT = 500;

function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 32);
}

export class ReportArchive {
  readonly #dir: string | undefined;
  /** Package key → version → report; insertion order doubles as the eviction order. */
  readonly #memory = new Map<string, Map<string, Report>>();
  #size = 0;
  #generation = 0;

  /** Bumped by every put, so that pages rendered before a new report can be told apart. */
  get generation(): number {
    return this.#generation;
  }

  /** `dir`: where reports persist across restarts; without it they live as long as the process. */
  constructor(dir?: string) {
    this.#dir = dir;
  }

  #key(ecosystem: Ecosystem, name: string): string {
    return `${ecosystem}\0${normalizePackageName(ecosystem, name)}`;
  }

  #packageDir(key: string): string | undefined {
    return this.#dir === undefined ? undefined : join(this.#dir, hash(key));
  }

  put(report: Report): void {
    const { ecosystem, name, version } = report.target;
    const key = this.#key(ecosystem, name);
    this.#remember(key, report);
    this.#generation++;
    const dir = this.#packageDir(key);
    if (dir === undefined) return;
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${hash(version)}.json.gz`);
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, gzipSync(JSON.stringify(report)));
    renameSync(temp, file);
  }

  #remember(key: string, report: Report): void {
    let versions = this.#memory.get(key);
    if (versions === undefined) {
      versions = new Map();
      this.#memory.set(key, versions);
    }
    if (!versions.has(report.target.version)) this.#size++;
    versions.set(report.target.version, report);
    while (this.#size > MEMORY_LIMIT) {
      const oldest = this.#memory.keys().next().value;
      if (oldest === undefined) break;
      this.#size -= this.#memory.get(oldest)?.size ?? 0;
      this.#memory.delete(oldest);
    }
  }

  /** Every report kept for the package, by version. */
  reports(ecosystem: Ecosystem, name: string): ReadonlyMap<string, Report> {
    const key = this.#key(ecosystem, name);
    const cached = this.#memory.get(key);
    if (cached !== undefined) return cached;
    const dir = this.#packageDir(key);
    if (dir === undefined) return new Map();
    let files: string[];
    try {
      files = readdirSync(dir).filter((file) => file.endsWith('.json.gz'));
    } catch {
      return new Map();
    }
    for (const file of files) {
      try {
        this.#remember(key, JSON.parse(gunzipSync(readFileSync(join(dir, file))).toString('utf8')) as Report);
      } catch {
        // A damaged file is a missing report: the page offers a new scan.
      }
    }
    return this.#memory.get(key) ?? new Map();
  }

  get(ecosystem: Ecosystem, name: string, version: string): Report | null {
    return this.reports(ecosystem, name).get(version) ?? null;
  }
}
