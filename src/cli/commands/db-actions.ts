import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { AssayError, describeError } from '../../core/errors.ts';
import { canonicalEcosystem } from '../../store/names.ts';
import { resolveDbPath } from '../../store/paths.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import type { VulnStore } from '../../store/types.ts';
import { type ImportProgress, type ImportResult, importOsv } from '../../vulns/import.ts';
import { type DbStatus, dbStatus } from '../../vulns/status.ts';
import { DEFAULT_ECOSYSTEMS, DEFAULT_OSV_URL, downloadResumable, osvUrl } from '../../vulns/update.ts';
import { formatError } from '../errors.ts';
import { EXIT, exitCodeForError } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';

export interface DbStatusOptions {
  /** `--db PATH`; default `$ASSAY_DB`, else `${XDG_CACHE_HOME:-~/.cache}/assay/assay.db`. */
  readonly db?: string | undefined;
  readonly json?: boolean | undefined;
}

export interface DbImportOptions extends DbStatusOptions {
  /** An OSV zip, a directory of OSV .json / .yaml files, or one such file. */
  readonly source: string;
}

export interface DbUpdateOptions extends DbStatusOptions {
  /** URL template with `{ecosystem}`; default `$ASSAY_OSV_URL`, else osv.dev's bucket. */
  readonly url?: string | undefined;
  /** Default: PyPI and npm. */
  readonly ecosystems?: readonly string[] | undefined;
  /** Where archives are downloaded (and resumed from); default: `osv/` beside the database. */
  readonly downloadDir?: string | undefined;
  readonly idleTimeoutMs?: number | undefined;
}

/** `assay db import <source>` */
export function runDbImport(options: DbImportOptions, io: CliIo): Promise<number> {
  return guarded(io, async () => {
    if (options.source.trim() === '')
      throw new AssayError('E_USAGE', 'db import needs a path to an OSV zip or directory');
    const path = resolveDbPath(options.db, io.env);
    const store = openSqliteStore(path);
    try {
      const progress = progressLine(io);
      const result = await importOsv(store, options.source, progress.update).finally(() => progress.finish());
      if (options.json === true)
        io.stdout(`${JSON.stringify({ database: path, imports: [result] }, null, 2)}\n`);
      else io.stdout(describeImport(result, path));
      return exitForImports([result]);
    } finally {
      store.close();
    }
  });
}

/** `assay db update`: download the osv.dev archives, then import them. */
export function runDbUpdate(options: DbUpdateOptions, io: CliIo): Promise<number> {
  return guarded(io, async () => {
    const path = resolveDbPath(options.db, io.env);
    const template = options.url ?? io.env['ASSAY_OSV_URL'] ?? DEFAULT_OSV_URL;
    const ecosystems = (options.ecosystems ?? DEFAULT_ECOSYSTEMS).map(canonicalEcosystem);
    const downloadDir = options.downloadDir ?? join(path === ':memory:' ? io.cwd : dirname(path), 'osv');
    const store = openSqliteStore(path);
    const results: ImportResult[] = [];
    try {
      for (const ecosystem of ecosystems) {
        const url = osvUrl(template, ecosystem);
        const archive = join(downloadDir, `${ecosystem.replace(/[^A-Za-z0-9._-]/g, '_')}-all.zip`);
        if (io.stderrIsTTY) io.stderr(`downloading ${url}\n`);
        const download = await downloadResumable(url, archive, {
          ...(options.idleTimeoutMs !== undefined ? { idleTimeoutMs: options.idleTimeoutMs } : {}),
        });
        const progress = progressLine(io);
        const result = await importOsv(store, download.path, progress.update, { label: url }).finally(() =>
          progress.finish(),
        );
        await rm(download.path, { force: true });
        results.push(result);
        if (options.json !== true) io.stdout(describeImport(result, path));
      }
      if (options.json === true)
        io.stdout(`${JSON.stringify({ database: path, imports: results }, null, 2)}\n`);
      return exitForImports(results);
    } finally {
      store.close();
    }
  });
}

/** `assay db status` */
export function runDbStatus(options: DbStatusOptions, io: CliIo): Promise<number> {
  return guarded(io, async () => {
    const path = resolveDbPath(options.db, io.env);
    if (path !== ':memory:' && !existsSync(path)) {
      if (options.json === true) io.stdout(`${JSON.stringify({ location: path, exists: false }, null, 2)}\n`);
      else
        io.stdout(
          `No vulnerability database at ${path}.\nLoad one with \`assay db import <OSV zip or directory>\` or \`assay db update\`.\n`,
        );
      return EXIT.ok;
    }
    let store: VulnStore | undefined;
    try {
      store = openSqliteStore(path);
      const status = dbStatus(store);
      if (options.json === true) io.stdout(`${JSON.stringify({ ...status, exists: true }, null, 2)}\n`);
      else io.stdout(describeStatus(status));
      return EXIT.ok;
    } finally {
      store?.close();
    }
  });
}

/** Records that could not be read leave the database short of what the source holds: say so with exit 5. */
function exitForImports(results: readonly ImportResult[]): number {
  return results.some((result) => result.invalid > 0) ? EXIT.incomplete : EXIT.ok;
}

async function guarded(io: CliIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    const { code, message } = describeError(error);
    io.stderr(formatError(code, message));
    return exitCodeForError(code);
  }
}

interface ProgressLine {
  readonly update: ((progress: ImportProgress) => void) | undefined;
  /** Ends the progress line so the next output starts on its own line. */
  finish(): void;
}

function progressLine(io: CliIo): ProgressLine {
  let shown = false;
  return {
    update: io.stderrIsTTY
      ? (p) => {
          shown = true;
          io.stderr(
            `\rimporting: ${p.seen} read, ${p.inserted} new, ${p.updated} updated, ${p.invalid} unreadable`,
          );
        }
      : undefined,
    finish: () => {
      if (shown) io.stderr('\n');
      shown = false;
    },
  };
}

function describeImport(result: ImportResult, database: string): string {
  const lines = [
    `Imported ${result.source} into ${database} in ${(result.durationMs / 1000).toFixed(1)} s`,
    `  ${result.seen} records read: ${result.inserted} new, ${result.updated} updated, ${result.unchanged} unchanged, ${result.invalid} unreadable`,
    `  newest record modified ${result.newestModified ?? 'unknown'}`,
  ];
  for (const problem of result.problems) lines.push(`  skipped ${problem}`);
  if (result.invalid > result.problems.length) {
    lines.push(`  … and ${result.invalid - result.problems.length} more unreadable records`);
  }
  return `${lines.join('\n')}\n`;
}

function describeStatus(status: DbStatus): string {
  const lines = [`Database ${status.location} (schema version ${status.schemaVersion})`];
  if (status.records === 0) {
    lines.push('No vulnerability records yet. Load some with `assay db import` or `assay db update`.');
    return `${lines.join('\n')}\n`;
  }
  lines.push(`Data as of ${status.databaseDate ?? 'unknown'} (newest record modification)`);
  lines.push(`${status.records} records, ${status.withdrawn} of them withdrawn`);
  for (const e of status.ecosystems) {
    lines.push(
      `  ${e.ecosystem.padEnd(10)} ${String(e.records).padStart(7)} records, newest modified ${e.newestModified ?? 'unknown'}`,
    );
  }
  const last = status.lastImport;
  if (last !== null && last.complete) {
    lines.push(
      `Last import ${last.finishedAt} from ${last.source}: ${last.seen} read, ${last.inserted} new, ${last.updated} updated, ${last.unchanged} unchanged, ${last.invalid} unreadable`,
    );
  }
  for (const unfinished of status.unfinishedImports) {
    lines.push(
      `INCOMPLETE: the import from ${unfinished.source} started ${unfinished.startedAt} did not finish (${unfinished.seen} records read, last written ${unfinished.finishedAt}); scans using this database are marked incomplete until it is run again to the end`,
    );
  }
  return `${lines.join('\n')}\n`;
}
