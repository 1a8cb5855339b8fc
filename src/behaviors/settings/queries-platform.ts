import { defineBehavior } from '../../catalog/define.ts';
import { detectCalls, mergeOccurrences } from '../lib/detect.ts';
import { detectJsCalls, detectMemberReads } from '../lib/javascript.ts';

/** npm: the os module's platform calls and process.platform / arch. */
const JS_RULES = [
  { callees: ['os.platform', 'os.type', 'os.release', 'os.arch', 'os.version', 'os.machine'] },
];
const JS_PLATFORM = /^process\.(?:platform|arch)$/;

export const queriesPlatform = defineBehavior({
  id: 'queries-platform',
  category: 'settings',
  ecosystems: ['pypi', 'npm'],
  title: 'Queries the operating system and platform.',
  description:
    'Finds platform.system / platform / release / version / machine / uname / win32_ver / mac_ver, os.uname and ' +
    'distro lookups.',
  problem:
    "Portable code checks the platform all the time. Malware does it to pick a payload for the victim's system " +
    'or to fingerprint the machine before reporting back.',
  nextSteps: ['Check whether the platform details are only used locally or sent somewhere.'],
  severity: 'info',
  references: { mitreAttack: ['T1082'] },
  detect: (context) =>
    mergeOccurrences(
      detectCalls(context, [
        {
          callees: [
            'platform.system',
            'platform.platform',
            'platform.release',
            'platform.version',
            'platform.machine',
            'platform.processor',
            'platform.uname',
            'platform.win32_ver',
            'platform.win32_edition',
            'platform.mac_ver',
            'platform.architecture',
            'platform.freedesktop_os_release',
            'os.uname',
            'distro.id',
            'distro.name',
            'distro.linux_distribution',
          ],
        },
      ]),
      mergeOccurrences(
        detectJsCalls(context, JS_RULES),
        detectMemberReads(context, JS_PLATFORM, (name) => `reads ${name}`),
      ),
    ),
});
