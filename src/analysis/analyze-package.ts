import type { PackageFile } from '../artifacts/types.ts';
import type { WorkLimits } from '../core/budget.ts';
import { detectEmbedded } from './binary/magic.ts';
import { expandDuplicates, groupDuplicates } from './duplicates.ts';
import { type AnalysisPool, analyzeFiles } from './pool/index.ts';
import { extractUrlsWithProblems } from './text/urls.ts';
import type { AnalysisProblem, EmbeddedFileFact, PackageFacts, UrlFact } from './types.ts';

export interface AnalyzeOptions {
  readonly workers?: number;
  readonly work?: Partial<WorkLimits>;
  /** A pool shared across many scans (eval, community build): threads start once instead of per package. */
  readonly pool?: AnalysisPool;
}

/**
 * Collects every fact about a package's files: source facts (in a worker pool), URLs and embedded files.
 * Files with the same bytes are analyzed once (see duplicates.ts).
 */
export async function analyzePackage(
  files: readonly PackageFile[],
  options: AnalyzeOptions = {},
): Promise<PackageFacts> {
  const groups = groupDuplicates(files);
  return expandDuplicates(files, groups, await analyzeUnique(groups.unique, options));
}

async function analyzeUnique(files: readonly PackageFile[], options: AnalyzeOptions): Promise<PackageFacts> {
  const { sources, problems: sourceProblems, urlsByFile } = await analyzeFiles(files, options);
  const urls: UrlFact[] = [];
  const embedded: EmbeddedFileFact[] = [];
  const problems: AnalysisProblem[] = [...sourceProblems];
  for (const [index, file] of files.entries()) {
    try {
      // Source files had their URLs read beside their parse; the rest are read here, in file order.
      const analysed = urlsByFile.get(index);
      if (analysed !== undefined) urls.push(...analysed);
      else {
        const extraction = extractUrlsWithProblems(file.path, file.data);
        urls.push(...extraction.urls);
        problems.push(...extraction.problems);
      }
      const kind = detectEmbedded(file);
      if (kind) embedded.push(kind);
    } catch (error) {
      problems.push({
        file: file.path,
        kind: 'analyzer-crash',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return { sources, urls, embedded, problems };
}
