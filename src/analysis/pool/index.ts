export type { BatchFile, BatchFileResult, BatchTask } from './batch.ts';
export type { FactsCache, FactsKey, FactsPayload } from './facts-cache.ts';
export { factsKeyId, MAX_FACTS_PAYLOAD_BYTES } from './facts-cache.ts';
export { analyzerCodeDigest, analyzerFingerprint } from './fingerprint.ts';
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
