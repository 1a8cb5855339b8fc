import type { Dirent } from 'node:fs';
import { lstat, readdir, readFile } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import yauzl from 'yauzl';
import { AssayError } from '../core/errors.ts';
import { compareTimestamps } from '../store/sqlite.ts';
import type { ImportLogInput, VulnerabilityInput, VulnStore } from '../store/types.ts';
import { parseOsvRecord, toStoreInput } from './osv.ts';

export interface ImportLimits {
  /** Records per write transaction. */
  readonly batchSize: number;
  /** Largest single record file (bytes); the biggest real OSV records are a few hundred KB. */
  readonly maxRecordBytes: number;
  /** Files or archive entries looked at, in total. */
  readonly maxEntries: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  batchSize: 500,
  maxRecordBytes: 16 * 1024 * 1024,
  maxEntries: 5_000_000,
};

export interface ImportOptions {
  readonly limits?: ImportLimits;
  /** What the import log names as the source (a URL for `db update`); default: the resolved path. */
  readonly label?: string;
}

export interface ImportProgress {
  readonly seen: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly invalid: number;
}

export interface ImportResult extends ImportProgress {
  readonly source: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  /** Newest `modified` among the records read: the date of the data. */
  readonly newestModified: string | null;
  /** The first few unreadable files, for the user (the count is in `invalid`). */
  readonly problems: readonly string[];
}

const MAX_PROBLEMS = 20;
const RECORD_EXTENSIONS = new Set(['.json', '.yaml', '.yml']);

interface RawEntry {
  readonly name: string;
  readonly bytes: Buffer;
}

/**
 * Loads OSV records from a zip (as osv.dev publishes them), a directory tree of `.json` / `.yaml`
 * files (as advisory repositories keep them) or one such file. Each batch is written in one
 * transaction; a record replaces a stored one only when its `modified` is newer.
 */
export async function importOsv(
  store: VulnStore,
  source: string,
  onProgress?: (progress: ImportProgress) => void,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const limits = options.limits ?? DEFAULT_IMPORT_LIMITS;
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  const path = resolve(source);
  let kind: 'dir' | 'zip' | 'file';
  try {
    const info = await lstat(path);
    if (info.isDirectory()) kind = 'dir';
    else if (!info.isFile()) throw new AssayError('E_USAGE', `${source} is neither a file nor a directory`);
    else if (extname(path).toLowerCase() === '.zip') kind = 'zip';
    else if (RECORD_EXTENSIONS.has(extname(path).toLowerCase())) kind = 'file';
    else
      throw new AssayError(
        'E_USAGE',
        `${source}: expected an OSV .zip, a .json / .yaml record or a directory`,
      );
  } catch (error) {
    if (error instanceof AssayError) throw error;
    throw new AssayError('E_NOT_FOUND', `cannot read ${source}: ${messageOf(error)}`, { cause: error });
  }

  let seen = 0;
  let inserted = 0;
  let updated = 0;
  let unchanged = 0;
  let invalid = 0;
  let newest: string | null = null;
  const problems: string[] = [];
  let batch: VulnerabilityInput[] = [];
  const progress = (): ImportProgress => ({ seen, inserted, updated, unchanged, invalid });
  const problem = (text: string) => {
    invalid++;
    if (problems.length < MAX_PROBLEMS) problems.push(text);
  };
  // The import is logged as unfinished before its first record is written and marked finished only after
  // its last: an import killed half way leaves a database that `db status` and every report call unfinished.
  const label = options.label ?? path;
  const logEntry = (): ImportLogInput => ({
    source: label,
    startedAt,
    finishedAt: new Date().toISOString(),
    ...progress(),
  });
  const importId = store.beginImport(logEntry());
  const flush = () => {
    if (batch.length === 0) return;
    const counts = store.upsertVulnerabilities(batch);
    inserted += counts.inserted;
    updated += counts.updated;
    unchanged += counts.unchanged;
    batch = [];
    store.updateImport(importId, logEntry(), false);
    onProgress?.(progress());
  };
  const accept = (entry: RawEntry) => {
    seen++;
    const value = decode(entry);
    if (!value.ok) return problem(`${entry.name}: ${value.problem}`);
    const parsed = parseOsvRecord(value.value);
    if (!parsed.ok) return problem(`${entry.name}: ${parsed.problem}`);
    if (newest === null || compareTimestamps(parsed.record.modified, newest) > 0)
      newest = parsed.record.modified;
    batch.push(toStoreInput(parsed.record, value.value));
    if (batch.length >= limits.batchSize) flush();
  };
  const tooBig = (name: string, size: number) => {
    seen++;
    problem(`${name}: ${size} bytes is over the ${limits.maxRecordBytes}-byte record limit`);
  };

  if (kind === 'file') {
    const bytes = await readFile(path).catch((error: unknown) => {
      throw new AssayError('E_IO', `cannot read ${source}: ${messageOf(error)}`, { cause: error });
    });
    if (bytes.length > limits.maxRecordBytes) tooBig(basename(path), bytes.length);
    else accept({ name: basename(path), bytes });
  } else if (kind === 'dir') {
    await walkDirectory(path, limits, accept, tooBig);
  } else {
    await readZip(path, limits, accept, tooBig);
  }
  flush();

  const finished = Date.now();
  const result: ImportResult = {
    source: label,
    startedAt,
    finishedAt: new Date(finished).toISOString(),
    durationMs: finished - started,
    newestModified: newest,
    problems,
    ...progress(),
  };
  store.updateImport(importId, result, true);
  return result;
}

type Decoded =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: string };

function decode(entry: RawEntry): Decoded {
  const text = entry.bytes.toString('utf8');
  try {
    if (entry.name.toLowerCase().endsWith('.json')) return { ok: true, value: JSON.parse(text) };
    // The failsafe schema reads every scalar as a string: in the core schema `- 2.0` would become
    // the number 2 and `0.10` the number 0.1, silently changing affected versions. Skipping the
    // duplicate-key and pretty-error passes makes parsing about a third faster.
    return {
      ok: true,
      value: parseYaml(text, {
        schema: 'failsafe',
        maxAliasCount: 0,
        uniqueKeys: false,
        prettyErrors: false,
      }),
    };
  } catch (error) {
    return { ok: false, problem: `unreadable (${messageOf(error).split('\n', 1)[0]})` };
  }
}

async function walkDirectory(
  root: string,
  limits: ImportLimits,
  accept: (entry: RawEntry) => void,
  tooBig: (name: string, size: number) => void,
): Promise<void> {
  const stack = [root];
  let entries = 0;
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let children: Dirent[];
    try {
      children = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      throw new AssayError('E_IO', `cannot list ${dir}: ${messageOf(error)}`, { cause: error });
    }
    children.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
    for (const child of children) {
      // Hidden folders are VCS metadata (.git); links are not followed so a tree cannot loop.
      if (child.name.startsWith('.') || child.isSymbolicLink()) continue;
      const full = join(dir, child.name);
      if (child.isDirectory()) {
        stack.push(full);
        continue;
      }
      if (!child.isFile() || !RECORD_EXTENSIONS.has(extname(child.name).toLowerCase())) continue;
      if (++entries > limits.maxEntries) {
        throw new AssayError('E_IO', `${root}: more than ${limits.maxEntries} files; refusing to go on`);
      }
      const relative = full.slice(root.length + 1);
      const info = await lstat(full);
      if (info.size > limits.maxRecordBytes) {
        tooBig(relative, info.size);
        continue;
      }
      accept({ name: relative, bytes: await readFile(full) });
    }
  }
}

function readZip(
  path: string,
  limits: ImportLimits,
  accept: (entry: RawEntry) => void,
  tooBig: (name: string, size: number) => void,
): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const fail = (error: unknown) =>
      reject(
        error instanceof AssayError
          ? error
          : new AssayError('E_ARCHIVE_CORRUPT', `cannot read ${path}: ${messageOf(error)}`, { cause: error }),
      );
    // Raw names: nothing is written to disk, so odd names are harmless and must not abort the archive.
    yauzl.open(
      path,
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true },
      (openError, zip) => {
        if (openError || zip === undefined) return fail(openError);
        let entries = 0;
        zip.on('error', fail);
        zip.on('end', () => resolvePromise());
        zip.on('entry', (entry: yauzl.Entry) => {
          const name = Buffer.isBuffer(entry.fileName)
            ? entry.fileName.toString('utf8')
            : String(entry.fileName);
          if (name.endsWith('/') || !RECORD_EXTENSIONS.has(extname(name).toLowerCase()))
            return zip.readEntry();
          if (++entries > limits.maxEntries) {
            zip.close();
            return fail(
              new AssayError('E_ARCHIVE_CORRUPT', `${path}: more than ${limits.maxEntries} entries`),
            );
          }
          if (entry.uncompressedSize > limits.maxRecordBytes) {
            tooBig(name, entry.uncompressedSize);
            return zip.readEntry();
          }
          zip.openReadStream(entry, (streamError, stream) => {
            if (streamError || stream === undefined) return fail(streamError);
            const chunks: Buffer[] = [];
            stream.on('data', (chunk: Buffer) => chunks.push(chunk));
            stream.on('error', fail);
            stream.on('end', () => {
              try {
                accept({ name, bytes: Buffer.concat(chunks) });
              } catch (error) {
                zip.close();
                return fail(error);
              }
              zip.readEntry();
            });
          });
        });
        zip.readEntry();
      },
    );
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
