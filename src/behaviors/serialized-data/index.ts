import type { BehaviorDefinition } from '../../catalog/types.ts';
import { serializedDataImportsCallable } from './serialized-data-imports-callable.ts';
import { serializedDataRunsCode } from './serialized-data-runs-code.ts';
import { serializedDataStartsProcess } from './serialized-data-starts-process.ts';
import { serializedDataUsesNetwork } from './serialized-data-uses-network.ts';
import { serializedDataUsesSystemInterfaces } from './serialized-data-uses-system-interfaces.ts';
import { serializedDataWritesSerializedFiles } from './serialized-data-writes-serialized-files.ts';

/** Behaviors of the 'serialized-data' category: what pickles and similar formats do when they are loaded. */
export const serializedDataBehaviors: readonly BehaviorDefinition[] = [
  serializedDataRunsCode,
  serializedDataStartsProcess,
  serializedDataUsesNetwork,
  serializedDataUsesSystemInterfaces,
  serializedDataWritesSerializedFiles,
  serializedDataImportsCallable,
];
