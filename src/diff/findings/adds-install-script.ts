import { defineDiffFinding } from '../context.ts';
import type { DiffEvidence } from '../model.ts';
import { installHooks } from './install-hooks.ts';

export const addsInstallScript = defineDiffFinding({
  id: 'adds-install-script',
  title: 'The new version adds or changes code that runs at install time.',
  severity: 'high',
  problem:
    'An install script runs on every machine that installs the package, before anyone has used or read it. ' +
    'Most hijacked releases (a stolen token, a worm that republishes) add exactly this: a preinstall or ' +
    'postinstall hook that the previous version did not have.',
  nextSteps: [
    'Read the script and every file it runs before upgrading.',
    'Install with scripts disabled (npm --ignore-scripts, pip --only-binary) until the change is explained.',
  ],
  detect: (context) => {
    const before = installHooks(context.old.result.snapshot);
    const out: DiffEvidence[] = [];
    for (const [key, hook] of installHooks(context.new.result.snapshot)) {
      const previous = before.get(key);
      if (previous !== undefined && previous.command === hook.command) continue;
      out.push({
        file: context.relative('new', hook.source.file),
        ...(hook.source.line === undefined ? {} : { line: hook.source.line }),
        field: key,
        snippet: hook.command,
        detail:
          previous === undefined
            ? `${key} is new in this version`
            : `${key} changed; it was: ${previous.command}`,
      });
    }
    return out;
  },
});
