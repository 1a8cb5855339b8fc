import { definePolicy } from '../../catalog/define.ts';
import { toEvidence } from '../../catalog/lib/evidence.ts';
import { occurrencesOf } from '../lib/evidence.ts';

export const shadowedCommandEntryPoint = definePolicy({
  id: 'shadowed-command-entry-point',
  category: 'hunting',
  title: 'Installs commands that take the place of system commands or development tools.',
  description:
    'Raised when bin-shadows-development-tool reports an npm bin or a Python console script named like a ' +
    'development tool the package does not own (git, npm, pip, python …), or bin-shadows-system-command one ' +
    'named like an operating-system command (sudo, curl, ssh …). A development tool is high, a system command ' +
    'medium.',
  problem:
    'The command that comes first on PATH is the one that runs. A package that installs its own git, npm or sudo ' +
    'runs instead of the real program for every script and person that calls it, and sees the tokens and ' +
    'passwords they pass.',
  nextSteps: [
    'Read the code behind each command; forwarding to the real program does not rule out logging.',
    'Uninstall the package unless it is a known distribution of that command.',
  ],
  severity: 'high',
  riskLabel: 'Causes risk: hijacked commands',
  references: { reversinglabs: ['TH16505', 'TH16506'] },
  uses: ['bin-shadows-development-tool', 'bin-shadows-system-command'],
  evaluate: (context) => {
    const tools = occurrencesOf(context, 'bin-shadows-development-tool').map((o) =>
      toEvidence('bin-shadows-development-tool', o),
    );
    const system = occurrencesOf(context, 'bin-shadows-system-command').map((o) =>
      toEvidence('bin-shadows-system-command', o),
    );
    if (tools.length === 0 && system.length === 0) return null;
    return tools.length > 0 ? { evidence: [...tools, ...system] } : { evidence: system, severity: 'medium' };
  },
});
