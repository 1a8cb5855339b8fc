/** When a file runs, for both ecosystems: npm install and import stages, Python setup.py and build backends. */

import { baseName, isAuxiliary, isInstallTime, locateFile } from '../../catalog/lib/location.ts';
import type { DetectionContext } from '../../catalog/types.ts';
import { npmStages } from './npm.ts';
import { pythonImportReached } from './python-reach.ts';

export type FileStage = 'install' | 'import' | 'runtime';

/** A function giving the stage of each file of the package (computed once per call). */
export function fileStages(context: DetectionContext): (file: string) => FileStage {
  const { snapshot, facts } = context;
  if (snapshot.ecosystem === 'npm') {
    const stages = npmStages(snapshot, facts);
    return (file) => stages.get(file) ?? 'runtime';
  }
  const imported = pythonImportReached(facts);
  return (file) => {
    const location = locateFile(snapshot, file);
    if (isInstallTime(location)) return 'install';
    // A package's __init__.py runs on every import of the package, like the files it imports.
    if (imported.has(file) || (baseName(file) === '__init__.py' && !isAuxiliary(location))) return 'import';
    return 'runtime';
  };
}
