/** Analysing a batch of files in one thread: the unit of work of the pool, also run in-process. */
import { describeError } from '../../core/errors.ts';
import { extractUrlsWithProblems } from '../text/urls.ts';
import type { AnalysisProblem, SourceFacts, SourceLanguage, UrlFact } from '../types.ts';
import { type AnalyzeOptions, analyzerFor } from './languages.ts';

export interface BatchFile {
  /** Position in the caller's list, so results can be put back in order. */
  readonly index: number;
  readonly path: string;
  /** null: a file no analyzer reads, sent for its URLs only. */
  readonly language: SourceLanguage | null;
  readonly data: Uint8Array;
}

export interface BatchTask {
  readonly files: readonly BatchFile[];
  readonly options: AnalyzeOptions;
  /** Analyzers to load before the files (a thread warming up while the main thread already works). */
  readonly warm?: readonly SourceLanguage[];
}

export interface BatchFileResult {
  readonly index: number;
  readonly facts?: SourceFacts;
  readonly problems: readonly AnalysisProblem[];
  /** URLs in the file's text, found on the same thread as the parse so the main thread stays free. */
  readonly urls: readonly UrlFact[];
}

function crash(path: string, error: unknown): AnalysisProblem {
  return { file: path, kind: 'analyzer-crash', message: describeError(error).message.slice(0, 300) };
}

/** Data arrives as a plain Uint8Array after structured cloning; analyzers expect a Buffer. */
function bufferOf(data: Uint8Array): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

export async function analyzeBatch(task: BatchTask): Promise<BatchFileResult[]> {
  // A failed load is reported by the first file that needs the analyzer, below.
  for (const language of task.warm ?? []) await analyzerFor(language)?.catch(() => undefined);
  const results: BatchFileResult[] = [];
  for (const file of task.files) {
    try {
      if (file.language === null) {
        const found = extractUrlsWithProblems(file.path, bufferOf(file.data));
        results.push({ index: file.index, problems: found.problems, urls: found.urls });
        continue;
      }
      const analyzer = await analyzerFor(file.language);
      if (analyzer === undefined) {
        results.push({
          index: file.index,
          problems: [
            { file: file.path, kind: 'analyzer-crash', message: `no analyzer for ${file.language}` },
          ],
          urls: [],
        });
        continue;
      }
      const bytes = bufferOf(file.data);
      const { facts, problems } = analyzer.analyze(file.path, bytes, task.options);
      const found = extractUrlsWithProblems(file.path, bytes);
      results.push({
        index: file.index,
        facts,
        problems: [...problems, ...found.problems],
        urls: found.urls,
      });
    } catch (error) {
      // One file's failure is that file's problem; the batch goes on.
      results.push({ index: file.index, problems: [crash(file.path, error)], urls: [] });
    }
  }
  return results;
}
