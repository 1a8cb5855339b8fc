export type { PythonAnalysis, PythonAnalysisOptions } from './analyze.ts';
export {
  analyzePythonSource,
  analyzePythonSourceDetailed,
  DEFAULT_MAX_BYTES,
  initPythonParser,
} from './analyze.ts';
export type { DecodedSource } from './decode.ts';
export { decodePythonSource } from './decode.ts';
