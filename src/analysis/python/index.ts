export type { PythonAnalysis, PythonAnalysisOptions } from './analyze.ts';
export {
  analyzePythonSource,
  analyzePythonSourceDetailed,
  DEFAULT_MAX_BYTES,
  DEFAULT_TIME_BUDGET_MS,
  initPythonParser,
} from './analyze.ts';
export type { DecodedSource } from './decode.ts';
export { decodePythonSource } from './decode.ts';
