import { defineBehavior } from '../../catalog/define.ts';
import { detectStrings } from '../lib/detect.ts';

const SSH_FILES =
  /\.ssh([/\\]+(id_(rsa|dsa|ecdsa|ed25519)(\.pub)?|authorized_keys|known_hosts|config))?[/\\]?$|(^|[/\\])id_(rsa|dsa|ecdsa|ed25519)$/;

export const readsSshKeys = defineBehavior({
  id: 'reads-ssh-keys',
  category: 'sensitive-data',
  ecosystems: ['pypi', 'npm'],
  title: 'Reaches into SSH keys and configuration.',
  description:
    'Finds paths of the ~/.ssh folder and the private keys, authorized_keys, known_hosts and config files in it ' +
    'in code strings.',
  problem:
    'A private SSH key opens every server it is authorised on. SSH clients and deployment tools read keys ' +
    'honestly; a package that reads them and also talks to the network can hand them to an attacker.',
  nextSteps: ['Check that the package is an SSH or deployment tool and that keys never leave the machine.'],
  severity: 'medium',
  references: { mitreAttack: ['T1552.004'], guarddog: ['exfiltrate-sensitive-data'] },
  detect: (context) =>
    detectStrings(context, [{ pattern: SSH_FILES, note: 'names an SSH key or config file' }]),
});
