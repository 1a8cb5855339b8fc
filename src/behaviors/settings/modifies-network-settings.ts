import { defineBehavior } from '../../catalog/define.ts';
import { detectCalls, detectStrings, mergeOccurrences } from '../lib/detect.ts';
import { FILE_WRITE_CALLEES, isFileWrite, writeTargetText } from '../lib/files.ts';
import { detectJsCalls } from '../lib/javascript.ts';
import { JS_FILE_WRITE_CALLEES } from '../lib/js-apis.ts';
import { textOf } from '../lib/match.ts';

/** The hosts file and resolver configuration: reading them is how resolvers work, writing them redirects traffic. */
const RESOLVER_FILES = /(?:^|[\\/])drivers[\\/]+etc[\\/]+hosts\b|\/etc\/(?:hosts|resolv\.conf)\b/i;

const PATTERN =
  /\bnetsh(?:\.exe)?\s+(?:interface\s+ip(?:v4)?\s+(?:set|add)\s+dns|winhttp\s+set\s+proxy)\b|\bSet-DnsClientServerAddress\b|\bnetworksetup\s+-set(?:webproxy|securewebproxy|socksfirewallproxy|dnsservers|autoproxyurl)\b|Internet Settings\\*\s*\\+(?:ProxyServer|ProxyEnable|AutoConfigURL)\b|\bresolvectl\s+dns\b|\bnmcli\s+(?:con(?:nection)?\s+mod(?:ify)?)\b.*\b(?:dns|proxy)/i;

export const modifiesNetworkSettings = defineBehavior({
  id: 'modifies-network-settings',
  category: 'settings',
  ecosystems: ['pypi', 'npm'],
  title: 'Changes proxy, DNS or hosts-file settings of the machine.',
  description:
    'Finds commands, registry values and paths in code strings that change how the machine reaches the network: netsh DNS and WinHTTP proxy settings, Set-DnsClientServerAddress, macOS networksetup proxy and DNS options, the Internet Settings ProxyServer / ProxyEnable / AutoConfigURL values, resolvectl and nmcli DNS changes, and file writes to the hosts file or /etc/resolv.conf (reading them is left out).',
  problem:
    "Whoever controls the proxy, the DNS servers or the hosts file decides where the machine's connections really go: updates, registry downloads and sign-ins can be sent to a server of the attacker's. A package names the hosts file honestly when it only reads it to resolve names.",
  nextSteps: [
    'Check whether the code reads or writes the setting, and what value it writes.',
    "Compare the machine's proxy, DNS and hosts file with the expected ones.",
  ],
  severity: 'medium',
  references: { reversinglabs: ['TH16113'], mitreAttack: ['T1565.001', 'T1090'] },
  detect: (context) =>
    mergeOccurrences(
      detectStrings(context, [
        { pattern: PATTERN, note: 'changes network, proxy or name-resolution settings' },
      ]),
      detectCalls(context, [
        {
          callees: FILE_WRITE_CALLEES,
          when: (call) => isFileWrite(call) && RESOLVER_FILES.test(writeTargetText(call)),
          note: () => 'writes the hosts file or the resolver configuration',
        },
      ]),
      detectJsCalls(context, [
        {
          callees: JS_FILE_WRITE_CALLEES,
          when: (call) => RESOLVER_FILES.test(textOf(call.args[0])),
          note: () => 'writes the hosts file or the resolver configuration',
        },
      ]),
    ),
});
