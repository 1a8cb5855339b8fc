import { defineBehavior } from '../../catalog/define.ts';
import { detectStrings } from '../lib/detect.ts';

/**
 * Browser profile folders and the credential / cookie stores inside them. On Windows the profile is the
 * `User Data` folder: `BraveSoftware/Brave-Browser/Application/brave.exe` is the program a CLI opens a page with.
 */
const BROWSER_STORES =
  /Google[/\\]+Chrome[/\\]+User Data|Chromium[/\\]+User Data|BraveSoftware[/\\]+Brave-Browser[/\\]+User Data|Microsoft[/\\]+Edge[/\\]+User Data|Opera Software[/\\]+Opera|Yandex[/\\]+YandexBrowser|Vivaldi[/\\]+User Data|Mozilla[/\\]+Firefox[/\\]+Profiles|\.mozilla[/\\]+firefox|\.config[/\\]+(google-chrome|chromium|BraveSoftware)|Library[/\\]+Application Support[/\\]+(Google[/\\]+Chrome|Firefox|BraveSoftware)|(^|[/\\])(Login Data|Web Data|Local State|key4\.db|logins\.json|cookies\.sqlite)$|[/\\]Network[/\\]+Cookies$/i;

export const readsBrowserData = defineBehavior({
  id: 'reads-browser-data',
  category: 'sensitive-data',
  ecosystems: ['pypi', 'npm'],
  title: 'Reaches into web browser profiles.',
  description:
    'Finds paths of browser profiles and their stores in code strings: Chrome, Chromium, Edge, Brave, Opera, ' +
    'Yandex, Vivaldi and Firefox profile folders, and the Login Data, Web Data, Local State, Cookies, key4.db, ' +
    'logins.json and cookies.sqlite files. The path of a browser program (`Brave-Browser/Application/brave.exe`) ' +
    'is not its profile.',
  problem:
    'Browser profiles hold saved passwords, session cookies, card details and the key that decrypts them. ' +
    "Information stealers read exactly these files; a few download tools read cookies with the user's consent.",
  nextSteps: [
    'Check why the package needs browser data and whether it ever leaves the machine.',
    'If the package ran and is not a browser tool, change saved passwords and sign out of active sessions.',
  ],
  severity: 'medium',
  references: {
    reversinglabs: ['TH16122'],
    mitreAttack: ['T1555.003', 'T1539'],
    guarddog: ['exfiltrate-sensitive-data'],
  },
  detect: (context) =>
    detectStrings(context, [{ pattern: BROWSER_STORES, note: 'names a browser profile store' }]),
});
