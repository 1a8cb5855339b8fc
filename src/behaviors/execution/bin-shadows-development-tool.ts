import { defineBehavior } from '../../catalog/define.ts';
import {
  commandOccurrence,
  declaredCommands,
  MANIFEST_COMMANDS_UPDATED,
  shadowedTool,
} from '../lib/manifest-commands.ts';
import { OccurrenceCollector } from '../lib/occurrence.ts';

export const binShadowsDevelopmentTool = defineBehavior({
  id: 'bin-shadows-development-tool',
  category: 'execution',
  ecosystems: ['pypi', 'npm'],
  title: 'Installs a command named like a development tool it does not own.',
  description:
    'Compares the commands the package puts on PATH (npm `bin`, PyPI console_scripts and gui_scripts) with the ' +
    'development tools of data/manifest-commands.json (node, npm, npx, yarn, pnpm, git, python, pip, poetry, ' +
    `docker, kubectl, aws, tsc …; ${MANIFEST_COMMANDS_UPDATED}). The tools' own packages (npm, yarn, pnpm, pip, ` +
    'typescript, awscli …) are left out.',
  problem:
    'Build scripts and developers call these tools many times a day, often with tokens in the environment. A ' +
    'package that installs its own git or npm runs instead of the real one and sees every credential passed to it.',
  nextSteps: [
    'Read the code behind the command; a wrapper that forwards to the real tool can still log what it is given.',
    'Uninstall the package if it is not a known distribution of the tool.',
  ],
  severity: 'high',
  references: { reversinglabs: ['TH16506'], mitreAttack: ['T1574.007'] },
  detect: ({ snapshot }) => {
    const collector = new OccurrenceCollector();
    for (const command of declaredCommands(snapshot)) {
      const tool = shadowedTool(command.name, snapshot.metadata.name ?? snapshot.name);
      if (tool !== null)
        collector.add(commandOccurrence(command, `installs the command ${command.name}, a development tool`));
    }
    return collector.list();
  },
});
