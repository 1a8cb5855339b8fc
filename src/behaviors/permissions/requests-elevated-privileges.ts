import { defineBehavior } from '../../catalog/define.ts';
import { commandText, isProcessCall, PROCESS_CALLEES } from '../lib/commands.ts';
import { detectCalls } from '../lib/detect.ts';
import { callStrings } from '../lib/match.ts';

export const requestsElevatedPrivileges = defineBehavior({
  id: 'requests-elevated-privileges',
  category: 'permissions',
  ecosystems: ['pypi'],
  title: 'Asks for administrator or root privileges.',
  description:
    'Finds ShellExecute with the "runas" verb, commands that run through sudo, doas, pkexec or Start-Process ' +
    '-Verb RunAs, and os.setuid / setgid / seteuid calls.',
  problem:
    'With administrator rights, a payload can install drivers and services, disable protection and read every ' +
    "user's files. A library rarely needs them; a prompt for them during install or import is a warning sign.",
  nextSteps: ['Check what runs with elevated rights and refuse the prompt if it is not expected.'],
  severity: 'medium',
  references: { reversinglabs: ['TH16119'], mitreAttack: ['T1548.002', 'T1548.003'] },
  detect: (context) =>
    detectCalls(context, [
      {
        callees: ['*.ShellExecuteW', '*.ShellExecuteA', '*.ShellExecuteExW', 'win32api.ShellExecute'],
        when: (call) => callStrings(call).some((text) => /^runas$/i.test(text)),
        note: () => 'asks Windows to run a program as administrator',
      },
      {
        callees: PROCESS_CALLEES,
        when: (call) =>
          isProcessCall(call) &&
          /(^|[\s'"[,])(sudo|doas|pkexec)\b(?![-.\w])|-Verb\s+'?RunAs\b/i.test(commandText(call)),
        note: () => 'runs a command with elevated rights',
      },
      {
        callees: ['os.setuid', 'os.seteuid', 'os.setgid', 'os.setegid', 'os.setreuid'],
        note: (call) => `changes the process identity with ${call.callee}`,
      },
    ]),
});
