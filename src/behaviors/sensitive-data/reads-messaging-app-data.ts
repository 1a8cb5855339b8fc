import { defineBehavior } from '../../catalog/define.ts';
import { detectStrings } from '../lib/detect.ts';

/** Token store paths, Discord token regexes as stealers write them, and the prefix of Discord's encrypted tokens. */
const MESSAGING_STORES =
  /(discord(canary|ptb|development)?|Lightcord)[/\\]+Local Storage|Local Storage[/\\]+leveldb|Telegram Desktop[/\\]+tdata|[/\\]tdata[/\\]?$|Signal[/\\]+(config\.json|sql)|Element[/\\]+Local Storage|Skype[/\\]+|dQw4w9WgXcQ:|\{2[4-6](,2[4-8])?\}.{0,16}\{6\}.{0,16}\{(2[5-9]|3[0-8])(,\d+)?\}|mfa\\\.\[\\w-\]\{84\}/i;

/** A web address (`https://…`, protocol-relative `//host/…`) names a server, not a folder on this machine. */
const WEB_ADDRESS = /^(?:[a-z][\w+.-]*:)?\/\/[\w-]+(?:\.[\w-]+)+/i;

export const readsMessagingAppData = defineBehavior({
  id: 'reads-messaging-app-data',
  category: 'sensitive-data',
  ecosystems: ['pypi', 'npm'],
  title: 'Reaches into chat application data such as Discord or Telegram.',
  description:
    "Finds paths of the local storage of Discord (and its Canary / PTB builds), Lightcord, Telegram Desktop's " +
    "tdata, Signal and Element, Discord token regular expressions, and the marker of Discord's encrypted tokens. " +
    'Web addresses (`https://…`, `//host/…`) are servers, not these folders.',
  problem:
    "These folders hold session tokens that log an attacker straight into the victim's account, with no password " +
    'or second factor. Token grabbers sold on forums are built around these exact paths.',
  nextSteps: [
    'Do not install the package; if it ran, log out of every Discord / Telegram session and change the password.',
    'Report the package to the registry.',
  ],
  severity: 'high',
  references: {
    reversinglabs: ['TH16124'],
    mitreAttack: ['T1528', 'T1552.001'],
    guarddog: ['exfiltrate-sensitive-data'],
  },
  detect: (context) =>
    detectStrings(context, [
      {
        pattern: MESSAGING_STORES,
        note: 'names a chat application token store',
        when: (fact) => !WEB_ADDRESS.test(fact.value),
      },
    ]),
});
