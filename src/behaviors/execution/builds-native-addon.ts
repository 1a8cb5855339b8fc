import { defineBehavior } from '../../catalog/define.ts';
import { baseName } from '../../catalog/lib/location.ts';
import { lineOf, readNpmManifestFields } from '../../metadata/npm/package-json.ts';
import { installScripts } from '../lib/npm.ts';
import { OccurrenceCollector } from '../lib/occurrence.ts';
import { scriptOccurrence } from './runs-install-script.ts';

const NATIVE_BUILD = /\b(?:node-gyp|node-pre-gyp|prebuild-install|cmake-js|node-gyp-build|prebuildify)\b/;

export const buildsNativeAddon = defineBehavior({
  id: 'builds-native-addon',
  category: 'execution',
  ecosystems: ['npm'],
  title: 'Builds or fetches a native addon at install time.',
  description:
    'Reports `"gypfile": true`, a binding.gyp file at the package root (npm then runs node-gyp rebuild by ' +
    'itself), and node-gyp, node-pre-gyp, prebuild-install or cmake-js in an install script.',
  problem:
    'A native addon is compiled C or C++ loaded into the Node process, out of reach of JavaScript review, and ' +
    'its build runs a compiler and often downloads prebuilt binaries during install.',
  nextSteps: [
    'Check where prebuilt binaries are downloaded from and that the sources in the package match them.',
    'Read binding.gyp for actions that run commands besides the compiler.',
  ],
  severity: 'info',
  references: { mitreAttack: ['T1195.002'] },
  detect: ({ snapshot }) => {
    const collector = new OccurrenceCollector();
    const fields = readNpmManifestFields(snapshot.files);
    if (fields?.gypfile === true) {
      const line = lineOf(fields.text, 'gypfile');
      collector.add({
        file: fields.file,
        snippet: '"gypfile": true',
        detail: 'npm runs node-gyp rebuild at install time',
        ...(line !== undefined ? { line } : { field: 'gypfile' }),
      });
    }
    const rootDir = fields === undefined ? '' : fields.file.slice(0, fields.file.lastIndexOf('/') + 1);
    for (const file of snapshot.files) {
      if (baseName(file.path) !== 'binding.gyp' || file.path !== `${rootDir}binding.gyp`) continue;
      const first = file.data.subarray(0, 400).toString('utf8').split('\n')[0] ?? '';
      collector.add({
        file: file.path,
        line: 1,
        snippet: first.trim().slice(0, 200),
        detail: 'binding.gyp at the package root: node-gyp builds it on install',
      });
    }
    for (const script of installScripts(snapshot)) {
      const tool = NATIVE_BUILD.exec(script.command);
      if (tool) collector.add(scriptOccurrence(script, `${script.name} runs ${tool[0]}`));
    }
    return collector.list();
  },
});
