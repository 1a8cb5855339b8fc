import { defineBehavior } from '../../catalog/define.ts';
import { MANIFEST_COMMANDS_UPDATED, minerWordIn } from '../lib/manifest-commands.ts';
import { codeStrings } from '../lib/match.ts';
import { installScripts } from '../lib/npm.ts';
import { OccurrenceCollector, stringOccurrence } from '../lib/occurrence.ts';
import { fileStages } from '../lib/stage.ts';
import { scriptOccurrence } from './runs-install-script.ts';

export const installScriptStartsMiner = defineBehavior({
  id: 'install-script-starts-miner',
  category: 'execution',
  ecosystems: ['pypi', 'npm'],
  title: 'Names a cryptocurrency miner in code that runs at install time.',
  description:
    'Reports miner programs (XMRig, xmr-stak, cpuminer, ethminer, lolMiner, T-Rex …), miner options ' +
    '(--donate-level, --randomx, -a rx/0) and stratum addresses in npm install scripts, in the files those ' +
    `scripts run, and in setup.py and in-tree build backends (data/manifest-commands.json, ${MANIFEST_COMMANDS_UPDATED}).`,
  problem:
    'A miner started on install spends the processor of every developer machine and CI runner that installs the ' +
    'package, for someone else’s profit, and keeps running after the install ends.',
  nextSteps: [
    'Do not install the package.',
    'If it was installed, look for miner processes and for the files and services the install step left.',
  ],
  severity: 'high',
  references: { reversinglabs: ['TH16502'], mitreAttack: ['T1496'] },
  detect: (context) => {
    const { snapshot } = context;
    const collector = new OccurrenceCollector();
    for (const script of installScripts(snapshot)) {
      const word = minerWordIn(script.command);
      if (word !== null)
        collector.add(scriptOccurrence(script, `the ${script.name} script names the miner ${word}`));
    }
    const stageOf = fileStages(context);
    for (const fact of codeStrings(context)) {
      if (collector.full) break;
      const text = fact.value.length > 4096 ? fact.value.slice(0, 4096) : fact.value;
      const word = minerWordIn(text);
      if (word !== null && stageOf(fact.file) === 'install')
        collector.add(stringOccurrence(fact, `names the miner ${word} in code that runs at install time`));
    }
    return collector.list();
  },
});
