import { defineBehavior } from '../../catalog/define.ts';
import type { Occurrence } from '../../catalog/types.ts';
import { detectStrings, mergeOccurrences } from '../lib/detect.ts';
import { locatedDetail } from '../lib/occurrence.ts';

/** Services whose only job is to tell a machine its public address. */
const IP_SERVICES =
  /(^|\.)(ipify\.org|ipinfo\.io|ifconfig\.me|ifconfig\.co|icanhazip\.com|ipecho\.net|checkip\.amazonaws\.com|ip-api\.com|api\.myip\.com|myip\.com|ipapi\.co|ident\.me|wtfismyip\.com|ipgeolocation\.io|geolocation-db\.com|whatismyipaddress\.com|checkip\.dyndns\.org|ip\.42\.pl|extreme-ip-lookup\.com|ip\.me|ipwho\.is|ip\.sb|myexternalip\.com)$/i;

export const queriesPublicIp = defineBehavior({
  id: 'queries-public-ip',
  category: 'search',
  ecosystems: ['pypi', 'npm'],
  title: "Looks up the machine's public IP address.",
  description:
    'Finds URLs and host names of what-is-my-IP services (ipify, ipinfo.io, ifconfig.me, icanhazip, ip-api.com, ' +
    'checkip.amazonaws.com …) in the package.',
  problem:
    'A library rarely needs to know the public address of the machine it runs on. Stealers look it up to tag and ' +
    'geolocate their victims in the report they send home.',
  nextSteps: ['Check what the address is used for and whether it is sent elsewhere.'],
  severity: 'medium',
  references: { reversinglabs: ['TH17122'], mitreAttack: ['T1016'] },
  detect: (context) => {
    const fromUrls: Occurrence[] = context.facts.urls
      .filter((url) => IP_SERVICES.test(url.host))
      .slice(0, 50)
      .map((url) => ({
        file: url.file,
        line: url.line,
        column: url.column,
        snippet: url.snippet,
        detail: locatedDetail(url.file, `contacts ${url.host}`),
      }));
    const bareHosts = detectStrings(context, [
      {
        pattern:
          /^(api\.ipify\.org|ipinfo\.io|ifconfig\.me|icanhazip\.com|ip-api\.com|checkip\.amazonaws\.com)$/i,
        note: 'names a public-IP service',
      },
    ]);
    return mergeOccurrences(fromUrls, bareHosts);
  },
});
