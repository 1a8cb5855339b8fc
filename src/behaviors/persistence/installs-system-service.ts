import { defineBehavior } from '../../catalog/define.ts';
import { commandText, isProcessCall, PROCESS_CALLEES } from '../lib/commands.ts';
import { detectCalls, detectStrings, mergeOccurrences } from '../lib/detect.ts';

export const installsSystemService = defineBehavior({
  id: 'installs-system-service',
  category: 'persistence',
  ecosystems: ['pypi'],
  title: 'Installs a system or user service.',
  description:
    'Finds systemd unit paths (/etc/systemd/system, ~/.config/systemd/user) and unit text ([Service] with ' +
    'ExecStart) in code strings, and commands that enable services (systemctl enable, sc create, New-Service, ' +
    'update-rc.d, chkconfig).',
  problem:
    'A service starts with the machine and restarts when it dies, which makes it a sturdy home for a backdoor. ' +
    'Server tools install services on request; a library that does so by itself is hiding persistence.',
  nextSteps: [
    'Check the unit or service the package creates and what it runs; remove unknown services on affected machines.',
  ],
  severity: 'medium',
  references: { mitreAttack: ['T1543.002', 'T1543.003'] },
  detect: (context) =>
    mergeOccurrences(
      detectCalls(context, [
        {
          callees: PROCESS_CALLEES,
          when: (call) =>
            isProcessCall(call) &&
            /\bsystemctl\b[^|;&]*\benable\b|\bsc(\.exe)?\s+create\b|\bNew-Service\b|\bupdate-rc\.d\b|\bchkconfig\b[^|;&]*\bon\b/i.test(
              commandText(call),
            ),
          note: () => 'enables a service with a command',
        },
      ]),
      detectStrings(context, [
        {
          pattern: /^\/(etc|lib|usr\/lib)\/systemd\/system\/[^/]*\.service$|\.config\/systemd\/user\b/,
          note: 'names a systemd unit location',
        },
        { pattern: /\[Service\][\s\S]*ExecStart=/, note: 'holds a systemd unit' },
      ]),
    ),
});
