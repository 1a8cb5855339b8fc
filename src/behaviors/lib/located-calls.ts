/** Python calls with the place of their file in the package: the raw material of the signals policies read. */
import type { CallFact } from '../../analysis/types.ts';
import {
  buildBackendFiles,
  classifyLocation,
  isAuxiliary,
  type LocationClass,
} from '../../catalog/lib/location.ts';
import type { DetectionContext } from '../../catalog/types.ts';
import { candidatePositions } from './call-index.ts';
import { pythonCallIndex } from './detect.ts';
import { npmStages } from './npm.ts';
import { pythonImportReached } from './python-reach.ts';

/**
 * Location of a file, with in-tree build backends recognised (computed once per call). A folder name is
 * the attacker's choice: a file that an npm install script or the package's entry point reaches, or that a
 * Python package's __init__.py or setup.py imports, is never discounted as a test, doc or example.
 */
export function locator(context: DetectionContext): (file: string) => LocationClass {
  const backends = buildBackendFiles(context.snapshot);
  const stages = npmStages(context.snapshot, context.facts);
  return (file) => {
    if (backends.has(file)) return 'build-backend';
    const location = classifyLocation(file);
    if (!isAuxiliary(location)) return location;
    return stages.has(file) || pythonImportReached(context.facts).has(file) ? 'module' : location;
  };
}

/**
 * The Python calls whose callee matches one of `callees`, in file and source order, each with its file's
 * location class. Looked up in the package's call index, so a signal reads the few calls it can act on
 * rather than every call of the package.
 */
export function locatedCalls(
  context: DetectionContext,
  callees: readonly string[],
): { call: CallFact; location: LocationClass }[] {
  const where = locator(context);
  const index = pythonCallIndex(context.facts);
  return candidatePositions(index, callees).flatMap((position) => {
    const call = index.calls[position];
    return call === undefined ? [] : [{ call, location: where(call.file) }];
  });
}
