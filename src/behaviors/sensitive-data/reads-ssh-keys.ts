import { defineBehavior } from '../../catalog/define.ts';
import type { DetectionContext } from '../../catalog/types.ts';
import { detectStrings } from '../lib/detect.ts';
import type { CodeString } from '../lib/match.ts';

const SSH_FILES =
  /(?:^|[/\\~])\.ssh([/\\]+(id_(rsa|dsa|ecdsa|ed25519)(\.pub)?|authorized_keys|known_hosts|config))?[/\\]?$|(^|[/\\])id_(rsa|dsa|ecdsa|ed25519)$/;

/**
 * A template literal whose text after an interpolation starts with `.ssh` (`${field}.ssh`) names a property path
 * of a configuration, not the folder: the string fact keeps only the literal parts, so the source decides.
 */
function isFieldPathTail(context: DetectionContext, fact: CodeString): boolean {
  if (!fact.value.startsWith('.ssh')) return false;
  const file = context.snapshot.files.find((entry) => entry.path === fact.file);
  if (file === undefined) return false;
  const text = file.data.toString('utf8');
  let start = 0;
  for (let line = 1; line < fact.line && start !== -1; line++) start = text.indexOf('\n', start) + 1 || -1;
  if (start === -1) return false;
  const from = start + Math.max(0, fact.column - 1);
  return text.slice(from, from + 400).startsWith('`') && /\}\.ssh\b/.test(text.slice(from, from + 400));
}

export const readsSshKeys = defineBehavior({
  id: 'reads-ssh-keys',
  category: 'sensitive-data',
  ecosystems: ['pypi', 'npm'],
  title: 'Reaches into SSH keys and configuration.',
  description:
    'Finds paths of the ~/.ssh folder and the private keys, authorized_keys, known_hosts and config files in it ' +
    'in code strings. A property path ending in .ssh (`containers.ssh`, `${field}.ssh`) is not the folder.',
  problem:
    'A private SSH key opens every server it is authorised on. SSH clients and deployment tools read keys ' +
    'honestly; a package that reads them and also talks to the network can hand them to an attacker.',
  nextSteps: ['Check that the package is an SSH or deployment tool and that keys never leave the machine.'],
  severity: 'medium',
  references: { mitreAttack: ['T1552.004'], guarddog: ['exfiltrate-sensitive-data'] },
  detect: (context) =>
    detectStrings(context, [
      {
        pattern: SSH_FILES,
        note: 'names an SSH key or config file',
        when: (fact) => !isFieldPathTail(context, fact),
      },
    ]),
});
