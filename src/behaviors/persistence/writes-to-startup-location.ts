import { defineBehavior } from '../../catalog/define.ts';
import { detectStrings } from '../lib/detect.ts';

/**
 * Folders and files whose contents run at logon or shell start. Shell rc files count only as paths ('~/.bashrc'):
 * a bare '.bashrc' is a file-name pattern in editors and lexers.
 */
const STARTUP_PLACES =
  /Start Menu[/\\]+Programs[/\\]+Startup|shell:startup|\.config[/\\]+autostart\b|[/\\]\.(bashrc|bash_profile|zshrc|profile|zprofile|bash_login)$|^\/etc\/(profile\.d|rc\.local|xdg\/autostart)\b|site-packages[/\\](sitecustomize|usercustomize)\.py$/i;

export const writesToStartupLocation = defineBehavior({
  id: 'writes-to-startup-location',
  category: 'persistence',
  ecosystems: ['pypi'],
  title: 'Refers to locations that run programs at logon or shell start.',
  description:
    'Finds the Windows Startup folder, XDG autostart folders, shell start-up files (.bashrc, .zshrc, .profile), ' +
    "/etc/profile.d, rc.local and Python's sitecustomize / usercustomize hooks in code strings.",
  problem:
    'Anything placed in these locations runs again at every logon, new terminal or Python start, so malware uses ' +
    'them to come back after a reboot. Shell-integration tools edit start-up files openly and ask first.',
  nextSteps: [
    'Check what the package writes there; on affected machines, inspect these locations for unknown entries.',
  ],
  severity: 'medium',
  references: { mitreAttack: ['T1547.001', 'T1546.004', 'T1547.013'] },
  detect: (context) =>
    detectStrings(context, [{ pattern: STARTUP_PLACES, note: 'names a start-up location' }]),
});
