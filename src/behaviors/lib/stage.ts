/** When a file runs, for both ecosystems: npm install and import stages, Python setup.py and build backends. */
import type { DetectionContext } from '../../catalog/types.ts';
import { isInstallTime, locateFile } from './location.ts';
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
    if (isInstallTime(locateFile(snapshot, file))) return 'install';
    return imported.has(file) ? 'import' : 'runtime';
  };
}
