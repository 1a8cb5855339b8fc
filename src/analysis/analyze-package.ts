import type { PackageFile } from '../artifacts/types.ts';
import { DEFAULT_WORK_LIMITS, type WorkLimits } from '../core/budget.ts';
import { detectEmbedded } from './binary/magic.ts';
import { expandDuplicates, groupDuplicates } from './duplicates.ts';
import { linkModuleFlows } from './javascript/module-flow.ts';
import type { FactsCache } from './pool/facts-cache.ts';
import { type AnalysisPool, analyzeFiles } from './pool/index.ts';
import { detectLanguage } from './pool/languages.ts';
import { linkPythonModuleFlows } from './python/module-flow.ts';
import { extractUrlsWithProblems } from './text/urls.ts';
import type { AnalysisProblem, EmbeddedFileFact, PackageFacts, ScanWorkBudgetHit, UrlFact } from './types.ts';

export interface AnalyzeOptions {
  readonly workers?: number;
  readonly work?: Partial<WorkLimits>;
  /** A pool shared across many scans (eval, community build): threads start once instead of per package. */
  readonly pool?: AnalysisPool;
  /** Per-file facts cached by content (see pool/facts-cache.ts): a file analyzed once is not analyzed again. */
  readonly factsCache?: FactsCache;
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
  const budget = splitByBudget(
    groups.unique,
    options.work?.scanSourceBytes ?? DEFAULT_WORK_LIMITS.scanSourceBytes,
  );
  const facts = await analyzeUnique(budget.within, budget.over, options);
  // Flows between the package's own modules are joined once every file (duplicates included) is read.
  const expanded = linkPythonModuleFlows(linkModuleFlows(expandDuplicates(files, groups, facts)));
  return budget.hit === undefined ? expanded : { ...expanded, workBudget: budget.hit };
}

interface BudgetSplit {
  /** Files analyzed as usual: every non-source file, and source files until the budget is spent. */
  readonly within: readonly PackageFile[];
  /** Source files after the budget ran out: only their URLs and magic bytes are read. */
  readonly over: readonly PackageFile[];
  readonly hit?: ScanWorkBudgetHit;
}

/**
 * The whole-scan budget, taken in archive order so that the same package always stops at the same file,
 * whatever the machine's load or the number of threads.
 */
function splitByBudget(files: readonly PackageFile[], maxSourceBytes: number): BudgetSplit {
  let spent = 0;
  const within: PackageFile[] = [];
  const over: PackageFile[] = [];
  for (const file of files) {
    if (detectLanguage(file.path, file.data) === undefined) {
      within.push(file);
      continue;
    }
    spent += file.data.length;
    (spent > maxSourceBytes ? over : within).push(file);
  }
  if (over.length === 0) return { within, over };
  return { within, over, hit: { max: maxSourceBytes, observed: spent, skippedFiles: over.length } };
}

async function analyzeUnique(
  files: readonly PackageFile[],
  overBudget: readonly PackageFile[],
  options: AnalyzeOptions,
): Promise<PackageFacts> {
  const { sources, problems: sourceProblems, urlsByFile } = await analyzeFiles(files, options);
  const urls: UrlFact[] = [];
  const embedded: EmbeddedFileFact[] = [];
  const problems: AnalysisProblem[] = [...sourceProblems];
  for (const file of overBudget) {
    problems.push({
      file: file.path,
      kind: 'too-large',
      message: "not analyzed: the scan's work budget was spent on the source files before it",
    });
    // Reading URLs and magic bytes is linear and cheap: a payload's address is still seen.
    const extraction = extractUrlsWithProblems(file.path, file.data);
    urls.push(...extraction.urls);
    const kind = detectEmbedded(file);
    if (kind) embedded.push(kind);
  }
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
