import { defineSignal } from '../../catalog/define.ts';
import type { LocationClass } from '../../catalog/lib/location.ts';
import { locator } from '../lib/located-calls.ts';
import { type CodeStage, npmStages } from '../lib/npm.ts';
import { type FileStage, fileStages } from '../lib/stage.ts';

export interface FilePlacement {
  /** The file's place in the package; a test or example folder that install or import code reaches counts as a module. */
  readonly locate: (file: string) => LocationClass;
  /** For an npm package: install or import when a lifecycle script or the entry point reaches the file. */
  readonly npmStage: (file: string) => CodeStage | undefined;
  /** npm files whose stage is install. */
  readonly npmInstallFiles: ReadonlySet<string>;
  /** When a file runs, in either ecosystem: on install, on import, or only when called. */
  readonly stage: (file: string) => FileStage;
}

/** Where each file sits and when it runs: the reachability from install hooks and entry points, read from the facts. */
export const filePlacement = defineSignal<FilePlacement>({
  id: 'file-placement',
  description:
    'Where each file sits and when it runs: its location class (setup script, build backend, package __init__, ' +
    'test, docs, example, module), and the install or import stage that lifecycle scripts, entry points and ' +
    'imports give it.',
  derive: (context) => {
    const stages = npmStages(context.snapshot, context.facts);
    return {
      locate: locator(context),
      npmStage: (file) => stages.get(file),
      npmInstallFiles: new Set([...stages].filter(([, stage]) => stage === 'install').map(([file]) => file)),
      stage: fileStages(context),
    };
  },
});
