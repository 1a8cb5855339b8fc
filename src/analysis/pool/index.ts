export type { BatchFile, BatchFileResult, BatchTask } from './batch.ts';
export type { AnalyzeOptions, LanguageAnalyzer, LanguageEntry } from './languages.ts';
export { detectLanguage, LANGUAGES } from './languages.ts';
export type { AnalyzeFilesOptions, AnalyzeFilesResult } from './pool.ts';
export {
  AnalysisPool,
  analyzeFiles,
  createAnalysisPool,
  IN_PROCESS_BELOW_BYTES,
  selectSourceFiles,
} from './pool.ts';
