/** The public face of src/artifacts: load or unpack an artifact in memory, safely. */
export { resolveLimits } from './limits.ts';
export { loadArtifact, unpackBuffer } from './load.ts';
export { sniffFormat } from './sniff.ts';
export type {
  ArchiveFormat,
  LimitHit,
  LimitName,
  MemberAnomaly,
  MemberAnomalyKind,
  NestedArchive,
  PackageFile,
  UnpackedArtifact,
  UnpackLimits,
} from './types.ts';
export { DEFAULT_UNPACK_LIMITS } from './types.ts';
