import { defineBehavior } from '../../catalog/define.ts';
import { installScripts, installTimeFiles, joinPath, nodeFilesOf, packageRoot } from '../lib/npm.ts';
import { OccurrenceCollector } from '../lib/occurrence.ts';
import { scriptOccurrence } from './runs-install-script.ts';

export const installScriptRunsNodeFile = defineBehavior({
  id: 'install-script-runs-node-file',
  category: 'execution',
  ecosystems: ['npm'],
  title: 'Runs one of its own JavaScript files at install time.',
  description:
    'Finds `node <file>` in the preinstall, install and postinstall commands and names the file it runs. That ' +
    'file, and the package files it requires, are treated as install-time code by the policies, so what they ' +
    'do (network, processes, environment) is judged as happening during npm install.',
  problem:
    'The file run by an install script executes on every machine that installs the package, without the ' +
    'package ever being imported. Build helpers and binary downloaders live there; so do token stealers.',
  nextSteps: ['Read the file the script runs, and the files it requires, as install-time code.'],
  severity: 'low',
  references: { mitreAttack: ['T1195.002'] },
  detect: (context) => {
    const { snapshot } = context;
    const collector = new OccurrenceCollector();
    const files = installTimeFiles(snapshot, context.facts);
    const root = packageRoot(snapshot);
    for (const script of installScripts(snapshot)) {
      for (const target of nodeFilesOf(script.command)) {
        const path = joinPath(root, target);
        const shipped =
          path !== undefined &&
          [...files].some(
            (file) => file === path || file.startsWith(`${path}.`) || file.startsWith(`${path}/index.`),
          );
        collector.add(
          scriptOccurrence(
            script,
            shipped
              ? `${script.name} runs ${target} at install time`
              : `${script.name} runs ${target}, which the package does not ship`,
          ),
        );
      }
    }
    return collector.list();
  },
});
