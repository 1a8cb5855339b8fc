import { defineBehavior } from '../../catalog/define.ts';
import { installScripts } from '../lib/npm.ts';
import { OccurrenceCollector } from '../lib/occurrence.ts';
import { scriptOccurrence } from '../lib/script-occurrence.ts';

// Kept here for the behaviors that import it from this file; the shared helper lives in lib/.
export { scriptOccurrence };

export const runsInstallScript = defineBehavior({
  id: 'runs-install-script',
  category: 'execution',
  ecosystems: ['npm'],
  title: 'Runs a script when the package is installed.',
  description:
    'Reports the preinstall, install and postinstall scripts of package.json, which npm, yarn and pnpm run for ' +
    'every package they install from a registry unless scripts are disabled.',
  problem:
    'An install script runs with the rights of whoever types npm install, on developer machines and CI runners ' +
    'alike, before any code of the package is imported. Native modules need it to compile; most npm malware ' +
    'uses it because it needs nothing else to run.',
  nextSteps: [
    'Read each install script and every file it runs.',
    'Install with --ignore-scripts where the package works without its script, or allow scripts per package.',
  ],
  severity: 'low',
  references: { mitreAttack: ['T1195.002'], guarddog: ['npm-install-script'] },
  detect: ({ snapshot }) => {
    const collector = new OccurrenceCollector();
    for (const script of installScripts(snapshot)) {
      collector.add(scriptOccurrence(script, `npm runs the ${script.name} script at install time`));
    }
    return collector.list();
  },
});
