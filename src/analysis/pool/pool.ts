/**
 * Analysing a package's source files on worker threads. Parsing is CPU-bound and tree-sitter's
 * wasm is single-threaded, so files are spread over up to os.availableParallelism() threads in
 * batches; small jobs run in-process because starting a thread and loading a grammar costs more
 * than it saves.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import type { PackageFile } from '../../artifacts/types.ts';
import { describeError } from '../../core/errors.ts';
import type { AnalysisProblem, SourceFacts, SourceLanguage, UrlFact } from '../types.ts';
import { analyzeBatch, type BatchFile, type BatchFileResult, type BatchTask } from './batch.ts';
import { freshBundledWorker } from './bundled-worker.ts';
import { type CrossingResult, relocate } from './crossing.ts';
import {
  cacheable,
  decodeFacts,
  encodeFacts,
  type FactsCache,
  type FactsKey,
  type FactsPayload,
  factsKeyId,
  factsKeyOf,
} from './facts-cache.ts';
import { analyzerFingerprint } from './fingerprint.ts';
import { type AnalyzeOptions, detectLanguage } from './languages.ts';

export interface AnalyzeFilesOptions extends AnalyzeOptions {
  /** Threads at most; defaults to os.availableParallelism(). 1 means in-process. */
  readonly maxThreads?: number;
  /** Below this many bytes of source in all, work in-process. */
  readonly inProcessBelowBytes?: number;
  /** A pool kept by the caller across packages (a server); otherwise one lives for this call only. */
  readonly pool?: AnalysisPool;
  /** Same as maxThreads (the name analyzePackage uses). */
  readonly workers?: number;
  /** Facts cached by content: files found there are not analyzed, the others are stored after analysis. */
  readonly factsCache?: FactsCache;
}

export interface AnalyzeFilesResult {
  /** One entry per analysed file, in the order of the input. */
  readonly sources: SourceFacts[];
  readonly problems: AnalysisProblem[];
  /** URLs of the analysed files, keyed by the file's position in the input. */
  readonly urlsByFile: ReadonlyMap<number, readonly UrlFact[]>;
}

const FROM_SOURCE = import.meta.url.endsWith('.ts');

/**
 * The file piscina loads in each thread: worker.js beside the bundled CLI; from TypeScript sources, the fresh
 * bundled worker when there is one (bundled-worker.ts), otherwise worker-tsx.mjs. Decided once per process.
 */
const WORKER_ENTRY = FROM_SOURCE
  ? (freshBundledWorker(fileURLToPath(new URL('../../../', import.meta.url))) ??
    fileURLToPath(new URL('./worker-tsx.mjs', import.meta.url)))
  : fileURLToPath(new URL('./worker.js', import.meta.url));

/**
 * Measured on 2 vCPUs: a worker started through tsx needs 0.3–1.3 s before its first
 * file (tsx registers its hooks and transpiles the modules again in each thread, then the grammar
 * loads), while one thread reads Python at roughly 1–1.5 MB/s. Two threads pay off above about
 * twice what one thread reads in the start-up time. Compiled JavaScript starts a worker in about
 * 0.1 s, so the bar is lower there. Code run from the sources keeps the higher bar even when its threads
 * start the bundled worker: lowering it there made `community add` of 100 npm packages start a pool for every
 * package between the two bars, 12.0 → 14.4 s of CPU at load 25 (2026-12-07).
 */
export const IN_PROCESS_BELOW_BYTES = FROM_SOURCE ? 2 * 1024 * 1024 : 512 * 1024;
// Batches amortise messaging; big enough to be cheap, small enough to balance two threads.
const BATCH_BYTES = 256 * 1024;
const BATCH_FILES = 64;
// Below this a batch costs more in messaging than it balances.
const MIN_BATCH_BYTES = 16 * 1024;
/** Batches a thread holds at once: the one it works on and the next (see AnalysisPool). */
const TASKS_PER_THREAD = 2;
/** The main thread lets the threads' answers in after about this many bytes of its own analysis. */
const MAIN_SLICE_BYTES = 32 * 1024;

const requireModule = createRequire(import.meta.url);

/** piscina is loaded with the first pool: most scans of a small package never start one (about 20 ms saved). */
function piscinaClass(): typeof Piscina {
  return (requireModule('piscina') as { Piscina: typeof Piscina }).Piscina;
}

/** A set of worker threads that analyse batches of files. Close it when done. */
export class AnalysisPool {
  private readonly piscina: Piscina<BatchTask, CrossingResult[]>;

  constructor(maxThreads = availableParallelism()) {
    const threads = Math.max(1, Math.floor(maxThreads));
    const PiscinaClass = piscinaClass();
    this.piscina = new PiscinaClass({
      filename: WORKER_ENTRY,
      name: 'analyzeBatchForThread',
      minThreads: threads,
      maxThreads: threads,
      // A thread holds a second batch while it works on one, so it starts the next the moment it is done.
      // With one, a thread that finished waited for the main thread to hand it the next batch, and the main
      // thread answers only between its own synchronous pieces of work (its batches, a package's behaviors):
      // on the 8.5 MB stdlib set the thread sat idle for a fifth of the scan.
      concurrentTasksPerWorker: TASKS_PER_THREAD,
      idleTimeout: 30_000,
    });
  }

  get threads(): number {
    return this.piscina.maxThreads;
  }

  /** Runs one batch; its file bytes are packed into one buffer that moves to the worker (see packBatch). */
  async run(task: BatchTask): Promise<BatchFileResult[]> {
    const packed = packBatch(task.files);
    const results: CrossingResult[] = await this.piscina.run(
      { ...task, files: packed.files },
      { transferList: [packed.buffer] },
    );
    return relocate(results, task.files);
  }

  close(): Promise<void> {
    return this.piscina.destroy();
  }
}

export function createAnalysisPool(maxThreads?: number): AnalysisPool {
  return new AnalysisPool(maxThreads);
}

/**
 * The files an analyzer reads, with their language, and every other file (language null, read for its
 * URLs only), both in input order; each file's language is decided once.
 */
function partitionFiles(files: readonly PackageFile[]): { sources: BatchFile[]; others: BatchFile[] } {
  const sources: BatchFile[] = [];
  const others: BatchFile[] = [];
  files.forEach((file, index) => {
    const language = detectLanguage(file.path, file.data);
    if (language !== undefined) sources.push({ index, path: file.path, language, data: file.data });
    else others.push({ index, path: file.path, language: null, data: file.data });
  });
  return { sources, others };
}

/** Files that have an analyzer, with their language, in input order. */
export function selectSourceFiles(files: readonly PackageFile[]): BatchFile[] {
  return partitionFiles(files).sources;
}

/**
 * Batches of at most BATCH_BYTES, and at least about three per thread when the package is big enough,
 * so that a package of a few hundred KB keeps every thread busy instead of handing one thread a full
 * batch and the other the remainder.
 */
function makeBatches(files: readonly BatchFile[], threads: number): BatchFile[][] {
  const total = files.reduce((sum, file) => sum + file.data.length, 0);
  const batchBytes = Math.max(MIN_BATCH_BYTES, Math.min(BATCH_BYTES, Math.ceil(total / (threads * 3))));
  // Largest first, so a big file does not start last and leave the other threads idle.
  const sorted = [...files].sort((a, b) => b.data.length - a.data.length);
  const batches: BatchFile[][] = [];
  let current: BatchFile[] = [];
  let bytes = 0;
  for (const file of sorted) {
    if (current.length > 0 && (bytes + file.data.length > batchBytes || current.length >= BATCH_FILES)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(file);
    bytes += file.data.length;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * A copy of the batch whose file bytes all sit in one new ArrayBuffer, to be transferred rather than cloned.
 * Structured cloning copies a typed array's whole backing buffer, not just its view: files unpacked from a
 * tar are views into the decompressed archive, so each file sent alone would copy the entire archive.
 */
function packBatch(files: readonly BatchFile[]): { files: BatchFile[]; buffer: ArrayBuffer } {
  const total = files.reduce((sum, file) => sum + file.data.byteLength, 0);
  const packed = new Uint8Array(total);
  let at = 0;
  const moved = files.map((file): BatchFile => {
    packed.set(file.data, at);
    const data = packed.subarray(at, at + file.data.byteLength);
    at += file.data.byteLength;
    return { ...file, data };
  });
  return { files: moved, buffer: packed.buffer };
}

/** One batch on a thread; when the thread dies (a wasm abort, memory), file by file so only the culprit is lost. */
async function runBatchOnPool(
  pool: AnalysisPool,
  batch: readonly BatchFile[],
  options: AnalyzeOptions,
): Promise<BatchFileResult[]> {
  try {
    return await pool.run({ files: batch, options });
  } catch {
    return Promise.all(
      batch.map(async (file): Promise<BatchFileResult> => {
        try {
          const [result] = await pool.run({ files: [file], options });
          if (result !== undefined) return result;
          throw new Error('the worker returned no result');
        } catch (error) {
          return {
            index: file.index,
            urls: [],
            problems: [
              {
                file: file.path,
                kind: 'analyzer-crash',
                message: describeError(error).message.slice(0, 300),
              },
            ],
          };
        }
      }),
    );
  }
}

async function runOnPool(
  pool: AnalysisPool,
  files: BatchFile[],
  options: AnalyzeOptions,
): Promise<BatchFileResult[]> {
  const results = await Promise.all(
    makeBatches(files, pool.threads).map((batch) => runBatchOnPool(pool, batch, options)),
  );
  return results.flat();
}

/**
 * The main thread and `threads` worker threads take batches from one queue until it is empty. A thread
 * needs 0.1–0.2 s to start and load its grammar; the main thread, idle otherwise while a scan waits for
 * its facts, works from the first moment, and each thread joins once it is warm. Used when the pool would
 * live for this call only (the CLI); a pool shared between packages keeps the main thread free for them.
 */
async function runWithMainThread(
  files: readonly BatchFile[],
  options: AnalyzeOptions,
  threads: number,
): Promise<BatchFileResult[]> {
  const batches = makeBatches(files, threads + 1);
  // The threads take from the front (the largest files first, so none starts last); the main thread takes
  // from the back, the smallest, so that it can hand the threads their next batches between small pieces of
  // its own work from the first moment on, while they start and load their grammar.
  let next = 0;
  let last = batches.length;
  const take = (): BatchFile[] | undefined => (next < last ? batches[next++] : undefined);
  const takeLast = (): BatchFile[] | undefined => (next < last ? batches[--last] : undefined);
  const results: BatchFileResult[] = [];
  const languages = [...new Set(files.map((file) => file.language))].filter(
    (language): language is SourceLanguage => language !== null,
  );
  // A thread's second batch is taken only while there are more batches left than takers, so that at the end
  // no thread sits on a batch the main thread could have been reading.
  const takeSpare = (): BatchFile[] | undefined => (last - next > threads + 1 ? take() : undefined);
  const pool = new AnalysisPool(threads);
  try {
    const onThreads = Array.from({ length: threads }, async () => {
      try {
        await pool.run({ files: [], options, warm: languages });
      } catch {
        return; // a thread that cannot start leaves its share to the others
      }
      const lane = async (takeNext: () => BatchFile[] | undefined): Promise<void> => {
        for (let batch = takeNext(); batch !== undefined; batch = takeNext())
          results.push(...(await runBatchOnPool(pool, batch, options)));
      };
      await Promise.all([lane(take), ...Array.from({ length: TASKS_PER_THREAD - 1 }, () => lane(takeSpare))]);
    });
    const onMain = (async () => {
      for (let batch = takeLast(); batch !== undefined; batch = takeLast()) {
        // Analysis is synchronous: the threads' answers (and their next batches) get in only between
        // slices, so the main thread yields often enough that a thread never waits long for its next batch.
        for (let from = 0; from < batch.length; ) {
          let to = from;
          for (let bytes = 0; to < batch.length && bytes < MAIN_SLICE_BYTES; to++)
            bytes += batch[to]!.data.length;
          results.push(...(await analyzeBatch({ files: batch.slice(from, to), options })));
          from = to;
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
    })();
    await Promise.all([onMain, ...onThreads]);
  } finally {
    // The threads are let go in the background: the results are in hand, and ending them takes 20–80 ms that
    // the rest of the scan (its behaviors, on this thread) need not wait for.
    pool.close().catch(() => undefined);
  }
  return results;
}

/**
 * Facts for every source file an analyzer knows (Python by extension or `#!` line). A file whose
 * analysis fails becomes an 'analyzer-crash' problem; the others go on.
 */
export async function analyzeFiles(
  files: readonly PackageFile[],
  options: AnalyzeFilesOptions = {},
): Promise<AnalyzeFilesResult> {
  const { sources: all, others } = partitionFiles(files);
  const analyzeOptions: AnalyzeOptions = {
    ...(options.work !== undefined ? { work: options.work } : {}),
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
  };
  const cached =
    options.factsCache === undefined || all.length === 0
      ? undefined
      : await lookUpFacts(options.factsCache, all, analyzeOptions);
  const selected = cached?.misses ?? all;
  const totalBytes = selected.reduce((sum, f) => sum + f.data.length, 0);
  const threshold = options.inProcessBelowBytes ?? IN_PROCESS_BELOW_BYTES;
  const maxThreads = options.pool?.threads ?? options.maxThreads ?? options.workers ?? availableParallelism();
  let results: BatchFileResult[];
  if (options.pool !== undefined) {
    // A shared pool also reads the URLs of the other files, so that a package of large data files
    // (botocore ships 78 MB of JSON) does not keep the main thread busy while the threads wait.
    results = await runOnPool(options.pool, [...selected, ...others], analyzeOptions);
  } else if (selected.length === 0) {
    results = [];
  } else if (maxThreads <= 1 || selected.length < 2 || totalBytes < threshold) {
    results = await analyzeBatch({ files: selected, options: analyzeOptions });
  } else {
    results = await runWithMainThread(selected, analyzeOptions, Math.min(maxThreads, selected.length) - 1);
  }

  if (cached !== undefined && options.factsCache !== undefined) {
    await storeFacts(options.factsCache, cached, results);
    results.push(...cached.hits);
  }
  results.sort((a, b) => a.index - b.index);
  const sources: SourceFacts[] = [];
  const problems: AnalysisProblem[] = [];
  const urlsByFile = new Map<number, readonly UrlFact[]>();
  for (const result of results) {
    if (result.facts !== undefined) sources.push(result.facts);
    problems.push(...result.problems);
    urlsByFile.set(result.index, result.urls);
  }
  return { sources, problems, urlsByFile };
}

interface CacheLookup {
  readonly fingerprint: string;
  /** Results read from the cache, with the paths of this package. */
  readonly hits: BatchFileResult[];
  /** Files to analyze, with their keys. */
  readonly misses: BatchFile[];
  readonly keys: ReadonlyMap<number, FactsKey>;
}

/** Splits the source files into those whose facts are cached and those to analyze; a failing cache is empty. */
async function lookUpFacts(
  cache: FactsCache,
  files: readonly BatchFile[],
  options: AnalyzeOptions,
): Promise<CacheLookup> {
  const fingerprint = analyzerFingerprint(options);
  const keys = new Map<number, FactsKey>();
  for (const file of files) {
    const key = factsKeyOf(file);
    if (key !== undefined) keys.set(file.index, key);
  }
  let found: Map<string, Uint8Array>;
  try {
    found = await cache.getFacts(fingerprint, [...keys.values()]);
  } catch {
    found = new Map();
  }
  const hits: BatchFileResult[] = [];
  const misses: BatchFile[] = [];
  for (const file of files) {
    const key = keys.get(file.index);
    const payload = key === undefined ? undefined : found.get(factsKeyId(key));
    const stored = payload === undefined ? undefined : decodeFacts(payload, file);
    if (stored === undefined) misses.push(file);
    else hits.push({ index: file.index, ...stored });
  }
  return { fingerprint, hits, misses, keys };
}

/** Stores the facts of the files just analyzed; a cache that cannot write costs the next run time, not this one. */
async function storeFacts(
  cache: FactsCache,
  lookup: CacheLookup,
  results: readonly BatchFileResult[],
): Promise<void> {
  const entries: FactsPayload[] = [];
  const seen = new Set<string>();
  for (const result of results) {
    const key = lookup.keys.get(result.index);
    if (key === undefined || !cacheable(result) || seen.has(factsKeyId(key))) continue;
    const payload = encodeFacts(result);
    if (payload === undefined) continue;
    seen.add(factsKeyId(key));
    entries.push({ ...key, payload });
  }
  if (entries.length === 0) return;
  try {
    await cache.putFacts(lookup.fingerprint, entries);
  } catch {
    // the facts are in hand; the cache stays as it was
  }
}
