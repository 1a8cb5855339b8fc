import { defineBehavior } from '../../catalog/define.ts';
import { detectStrings } from '../lib/detect.ts';

const PATTERN =
  /\bnetsh(?:\.exe)?\s+(?:interface\s+ip(?:v4)?\s+(?:set|add)\s+dns|winhttp\s+set\s+proxy)\b|\bSet-DnsClientServerAddress\b|\bnetworksetup\s+-set(?:webproxy|securewebproxy|socksfirewallproxy|dnsservers|autoproxyurl)\b|Internet Settings\\*\s*\\+(?:ProxyServer|ProxyEnable|AutoConfigURL)\b|(?:^|[\\/])drivers[\\/]+etc[\\/]+hosts$|^\/etc\/(?:hosts|resolv\.conf)$|\bresolvectl\s+dns\b|\bnmcli\s+(?:con(?:nection)?\s+mod(?:ify)?)\b.*\b(?:dns|proxy)/i;

export const modifiesNetworkSettings = defineBehavior({
  id: 'modifies-network-settings',
  category: 'settings',
  ecosystems: ['pypi', 'npm'],
  title: 'Changes proxy, DNS or hosts-file settings of the machine.',
  description:
    'Finds commands, registry values and paths in code strings that change how the machine reaches the network: netsh DNS and WinHTTP proxy settings, Set-DnsClientServerAddress, macOS networksetup proxy and DNS options, the Internet Settings ProxyServer / ProxyEnable / AutoConfigURL values, the hosts file and /etc/resolv.conf, resolvectl and nmcli DNS changes.',
  problem:
    "Whoever controls the proxy, the DNS servers or the hosts file decides where the machine's connections really go: updates, registry downloads and sign-ins can be sent to a server of the attacker's. A package names the hosts file honestly when it only reads it to resolve names.",
  nextSteps: [
    'Check whether the code reads or writes the setting, and what value it writes.',
    "Compare the machine's proxy, DNS and hosts file with the expected ones.",
  ],
  severity: 'medium',
  references: { reversinglabs: ['TH16113'], mitreAttack: ['T1565.001', 'T1090'] },
  detect: (context) =>
    detectStrings(context, [
      { pattern: PATTERN, note: 'changes network, proxy or name-resolution settings' },
    ]),
});
