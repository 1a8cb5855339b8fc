import { defineBehavior } from '../../catalog/define.ts';
import { mergeOccurrences } from '../lib/detect.ts';
import { detectJsCalls, detectMemberReads, jsSources } from '../lib/javascript.ts';
import { GEOLOCATION_HOSTS } from '../lib/js-apis.ts';
import { OccurrenceCollector } from '../lib/occurrence.ts';

/**
 * CLIs read LANG / LC_ALL next to LC_CTYPE or a UTF-8 test to learn whether the terminal can draw Unicode; that
 * asks for the character encoding, not for the user's language or country.
 */
const ENCODING_PROBE = /UTF-?8|LC_CTYPE/i;

export const checksLocaleOrGeolocation = defineBehavior({
  id: 'checks-locale-or-geolocation',
  category: 'settings',
  ecosystems: ['npm'],
  title: "Checks the machine's time zone, language or country.",
  description:
    'Finds Intl.DateTimeFormat().resolvedOptions() time zone and locale reads, Date#getTimezoneOffset, the LANG, ' +
    'LC_ALL, LANGUAGE and TZ environment variables, navigator.language, and strings naming IP geolocation ' +
    'services (ipinfo.io, ip-api.com, ipapi.co …), also when their URL is written base64- or hex-encoded. An ' +
    'environment read that only asks for the character encoding (a line testing for UTF-8, or LC_CTYPE) is not ' +
    'counted: terminals do that to choose their output, and it says nothing about the country.',
  problem:
    'Date and translation libraries read the locale all the time. Protestware reads it to pick its victims: ' +
    'packages such as node-ipc were changed to overwrite files only on machines that geolocated to chosen ' +
    "countries, and the same check lets malware stay quiet in a researcher's sandbox.",
  nextSteps: [
    'Check what the code does differently depending on the answer, especially file writes or deletes.',
  ],
  severity: 'low',
  references: { mitreAttack: ['T1614', 'T1614.001'] },
  detect: (context) => {
    const services = new OccurrenceCollector();
    for (const source of jsSources(context)) {
      for (const fact of source.strings) {
        if (services.full || fact.docstring) continue;
        const text = fact.value.length > 2048 ? fact.value.slice(0, 2048) : fact.value;
        const match = GEOLOCATION_HOSTS.exec(text);
        if (match === null) continue;
        services.add({
          file: fact.file,
          line: fact.line,
          column: fact.column,
          snippet: text.slice(0, 200),
          detail: `names the geolocation service ${match[0]}`,
        });
      }
    }
    // The URL reader also decodes base64 and hex URLs: a geolocation service hidden that way is still one.
    const javascript = new Set(jsSources(context).map((source) => source.file));
    for (const url of context.facts.urls) {
      if (services.full || url.encoding === 'plain' || !javascript.has(url.file)) continue;
      if (!GEOLOCATION_HOSTS.test(url.host)) continue;
      services.add({
        file: url.file,
        line: url.line,
        column: url.column,
        snippet: url.snippet,
        detail: `names the geolocation service ${url.host}, ${url.encoding}-encoded`,
      });
    }
    return mergeOccurrences(
      detectJsCalls(context, [
        {
          callees: ['Intl.DateTimeFormat.resolvedOptions'],
          note: () => 'reads the time zone and locale settings',
        },
        { callees: ['Date.getTimezoneOffset'], note: () => 'reads the time-zone offset' },
        { callees: ['os-locale', 'os-locale.*'], note: () => 'reads the system locale' },
      ]),
      detectMemberReads(
        context,
        /^(?:process\.env\.(?:LANG|LANGUAGE|LC_ALL|LC_MESSAGES|TZ)|navigator\.languages?|.*\(\)\.(?:timeZone|locale))$/,
        (name) => `reads ${name}`,
      ).filter((occurrence) => !ENCODING_PROBE.test(occurrence.snippet ?? '')),
      services.list(),
    );
  },
});
