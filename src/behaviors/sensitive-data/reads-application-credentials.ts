import { defineBehavior } from '../../catalog/define.ts';
import { detectStrings } from '../lib/detect.ts';

const PATTERN =
  /FileZilla[\\/]+(?:recentservers|sitemanager|filezilla)\.xml|WinSCP 2\\+Sessions|Martin Prikryl\\+WinSCP|\bCoreFTP\b|SmartFTP[\\/]|\.kdbx$|KeePass(?:XC)?[\\/]+|1Password[\\/]+(?:data|1password\.sqlite)|Bitwarden[\\/]+data\.json|Dashlane[\\/]|NordVPN[\\/]+|OpenVPN Connect[\\/]+profiles|ProtonVPN[\\/]|Steam[\\/]+config[\\/]+(?:loginusers|config)\.vdf|[\\/]ssfn|\.purple[\\/]+accounts\.xml|TeamViewer[\\/]+.*\.(?:ini|tvc)|AnyDesk[\\/]+(?:service|system)\.conf|Minecraft[\\/]+launcher_accounts\.json|\.minecraft[\\/]+launcher_accounts|Ubisoft Game Launcher[\\/]|Epic[\\/]+.*GameUserSettings\.ini|Growtopia[\\/]+save\.dat|\bRoblox[\\/]+.*\.ROBLOSECURITY/i;

export const readsApplicationCredentials = defineBehavior({
  id: 'reads-application-credentials',
  category: 'sensitive-data',
  ecosystems: ['pypi', 'npm'],
  title: 'Reaches into the saved credentials of other applications.',
  description:
    'Finds paths of credential stores of other applications in code strings: FTP clients (FileZilla, WinSCP, CoreFTP, SmartFTP), password managers (KeePass databases, 1Password, Bitwarden, Dashlane), VPN clients (NordVPN, OpenVPN Connect, ProtonVPN), remote-access tools (TeamViewer, AnyDesk), game launchers (Steam loginusers.vdf and ssfn files, Minecraft, Ubisoft, Epic, Growtopia, Roblox cookies) and Pidgin accounts.',
  problem:
    'Stealers harvest these files because each one holds a password, a session or a key to another account. A package that is not a client for the same application has no reason to open them.',
  nextSteps: [
    'Find the code that reads the path and whether the data leaves the machine.',
    'If the package ran, change the passwords of the applications named.',
  ],
  severity: 'medium',
  references: { reversinglabs: ['TH16125'], mitreAttack: ['T1555', 'T1552.001'] },
  detect: (context) =>
    detectStrings(context, [{ pattern: PATTERN, note: "names another application's credential store" }]),
});
