import { defineBehavior } from '../../catalog/define.ts';
import { commandText, isProcessCall, PROCESS_CALLEES } from '../lib/commands.ts';
import { detectCalls, detectStrings, mergeOccurrences } from '../lib/detect.ts';

export const createsLaunchAgent = defineBehavior({
  id: 'creates-launch-agent',
  category: 'persistence',
  ecosystems: ['pypi'],
  title: 'Creates macOS launch agents or daemons.',
  description:
    'Finds LaunchAgents and LaunchDaemons folders and launchd property lists (RunAtLoad, ProgramArguments) in code ' +
    'strings, and launchctl load / bootstrap commands.',
  problem:
    'A launch agent starts a program at every login on macOS; it is the usual persistence of Mac malware.',
  nextSteps: [
    'Check the plist the package writes and what it starts; remove unknown agents from ~/Library/LaunchAgents.',
  ],
  severity: 'medium',
  references: { mitreAttack: ['T1543.001'] },
  detect: (context) =>
    mergeOccurrences(
      detectCalls(context, [
        {
          callees: PROCESS_CALLEES,
          when: (call) =>
            isProcessCall(call) && /\blaunchctl\b[^|;&]*\b(load|bootstrap|enable)\b/.test(commandText(call)),
          note: () => 'loads a launchd job',
        },
      ]),
      detectStrings(context, [
        { pattern: /Library\/(LaunchAgents|LaunchDaemons)\b/, note: 'names a launchd folder' },
        { pattern: /<key>(RunAtLoad|KeepAlive)<\/key>/, note: 'holds a launchd property list' },
      ]),
    ),
});
