import { defineBehavior } from '../../catalog/define.ts';
import { MANIFEST_COMMANDS_UPDATED, otherLanguageOf } from '../lib/manifest-commands.ts';
import { installScripts } from '../lib/npm.ts';
import { OccurrenceCollector } from '../lib/occurrence.ts';
import { scriptOccurrence } from './runs-install-script.ts';

export const installScriptRunsOtherLanguage = defineBehavior({
  id: 'install-script-runs-other-language',
  category: 'execution',
  ecosystems: ['npm'],
  title: 'Has an npm install script that runs code in another language.',
  description:
    'Reads the preinstall, install and postinstall scripts of package.json and reports those that hand over to ' +
    'Python, PowerShell, a Unix shell, the Windows command shell or script host, Perl, Ruby, PHP, Java or ' +
    'AppleScript, by the program word of each command or by the extension of the script file it runs ' +
    `(data/manifest-commands.json, ${MANIFEST_COMMANDS_UPDATED}).`,
  problem:
    'An npm package is JavaScript; when its install step runs a PowerShell, shell or Python script instead, that ' +
    'code escapes every JavaScript analysis and often every reviewer. Droppers use it to run their payload with ' +
    'the system’s own tools.',
  nextSteps: [
    'Read the script file or inline code the install script runs, as carefully as the package itself.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['TH16504'], mitreAttack: ['T1059'] },
  detect: ({ snapshot }) => {
    const collector = new OccurrenceCollector();
    for (const script of installScripts(snapshot)) {
      const language = otherLanguageOf(script.command);
      if (language !== null)
        collector.add(scriptOccurrence(script, `the ${script.name} script runs ${language}`));
    }
    return collector.list();
  },
});
