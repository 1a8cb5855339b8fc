import { defineBehavior } from '../../catalog/define.ts';
import {
  commandOccurrence,
  declaredCommands,
  isSystemCommand,
  MANIFEST_COMMANDS_UPDATED,
} from '../lib/manifest-commands.ts';
import { OccurrenceCollector } from '../lib/occurrence.ts';

export const binShadowsSystemCommand = defineBehavior({
  id: 'bin-shadows-system-command',
  category: 'execution',
  ecosystems: ['pypi', 'npm'],
  title: 'Installs a command named like an operating-system command.',
  description:
    'Compares the commands the package puts on PATH (npm `bin`, PyPI console_scripts and gui_scripts) with the ' +
    'POSIX utilities and Windows commands of data/manifest-commands.json (ls, cp, sudo, curl, ssh, cmd, ' +
    `powershell, certutil …; ${MANIFEST_COMMANDS_UPDATED}). A Windows program extension is ignored.`,
  problem:
    'Whichever copy of a command comes first on PATH is the one that runs. A package that installs its own sudo, ' +
    'ssh or curl is run in place of the real one by scripts and people alike, and can read what they type.',
  nextSteps: [
    'Read the code behind the command and check whether it only wraps the real one.',
    'Remove the package’s bin folder from PATH or uninstall it if the command is not expected.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['TH16505'], mitreAttack: ['T1574.007'] },
  detect: ({ snapshot }) => {
    const collector = new OccurrenceCollector();
    for (const command of declaredCommands(snapshot))
      if (isSystemCommand(command.name))
        collector.add(commandOccurrence(command, `installs the command ${command.name}, a system command`));
    return collector.list();
  },
});
