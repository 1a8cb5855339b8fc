import { defineBehavior } from '../../catalog/define.ts';
import { commandText, isProcessCall, PROCESS_CALLEES } from '../lib/commands.ts';
import { detectCalls, detectStrings, mergeOccurrences } from '../lib/detect.ts';

export const installsCronJob = defineBehavior({
  id: 'installs-cron-job',
  category: 'persistence',
  ecosystems: ['pypi'],
  title: 'Installs cron jobs.',
  description:
    'Finds crontab commands, the python-crontab CronTab API, and the cron spool and /etc/cron.* paths in code strings.',
  problem:
    'A cron job runs a command on a schedule long after the package was installed and even after it was removed: ' +
    'a simple way for Linux malware to come back.',
  nextSteps: [
    'Check the schedule and command the package installs; on affected machines, review `crontab -l` and /etc/cron.*.',
  ],
  severity: 'medium',
  references: { mitreAttack: ['T1053.003'] },
  detect: (context) =>
    mergeOccurrences(
      detectCalls(context, [
        {
          callees: PROCESS_CALLEES,
          when: (call) => isProcessCall(call) && /\bcrontab\b/.test(commandText(call)),
          note: () => 'edits the crontab with a command',
        },
        {
          callees: ['crontab.CronTab', 'crontab.CronTab.new'],
          note: () => 'edits cron jobs with python-crontab',
        },
      ]),
      detectStrings(context, [
        {
          pattern: /^\/etc\/(cron\.(d|daily|hourly|weekly|monthly)|crontab)\b|\/var\/spool\/cron\b/,
          note: 'names a cron location',
        },
      ]),
    ),
});
