/**
 * Results as they cross from a worker thread to the main thread. Every fact, problem and URL of a file carries
 * the file's path, and structured cloning writes that string out again for each of them (a tenth of the bytes on
 * the stdlib set) and makes the main thread allocate one copy per fact, all of which survive into the old
 * generation. The thread blanks the paths of a file whose items all carry its own path and says so; the main
 * thread, which sent the path, writes it back into the same objects. A result with any other path crosses as it is.
 */
import type { BatchFile, BatchFileResult } from './batch.ts';

/** A result whose items' paths were blanked by the thread (all of them were the file's path). */
export interface CrossingResult extends BatchFileResult {
  readonly unlocated?: true;
}

interface Located {
  file: string;
}

function lists(result: BatchFileResult): readonly (readonly Located[])[] {
  const facts = result.facts;
  const own: (readonly Located[])[] = [result.problems, result.urls];
  if (facts !== undefined) own.push(facts.imports, facts.calls, facts.strings, facts.constructs);
  return own;
}

function allAt(result: BatchFileResult, path: string): boolean {
  if (result.facts !== undefined && result.facts.file !== path) return false;
  for (const list of lists(result)) for (const item of list) if (item.file !== path) return false;
  return true;
}

function setPaths(result: BatchFileResult, path: string): void {
  if (result.facts !== undefined) (result.facts as Located).file = path;
  for (const list of lists(result)) for (const item of list) item.file = path;
}

/** The path of each file of a batch, by its index there. */
function pathsByIndex(files: readonly BatchFile[]): ReadonlyMap<number, string> {
  return new Map(files.map((file) => [file.index, file.path]));
}

/** Thread side: blanks the paths of each result whose items all carry the path of its file (in place). */
export function unlocate(results: BatchFileResult[], files: readonly BatchFile[]): CrossingResult[] {
  const paths = pathsByIndex(files);
  return results.map((result) => {
    const path = paths.get(result.index);
    if (path === undefined || path === '' || !allAt(result, path)) return result;
    setPaths(result, '');
    return { ...result, unlocated: true };
  });
}

/** Main side: writes the paths back (in place) and returns the results as the thread had them. */
export function relocate(results: CrossingResult[], files: readonly BatchFile[]): BatchFileResult[] {
  const paths = pathsByIndex(files);
  return results.map((result) => {
    if (result.unlocated !== true) return result;
    const path = paths.get(result.index);
    if (path === undefined) throw new Error(`a result came back for a file not sent (index ${result.index})`);
    const { unlocated: _, ...rest } = result;
    setPaths(rest, path);
    return rest;
  });
}
