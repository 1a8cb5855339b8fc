import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { definePolicy } from '../../catalog/define.ts';
import { MAX_EVIDENCE, toEvidence } from '../../catalog/lib/evidence.ts';
import { occurrencesOf } from '../lib/evidence.ts';

/** What protestware does once it knows where it runs: the check matters when the same file can do one of these. */
const CONSEQUENCES = [
  'deletes-file',
  'writes-file',
  'executes-process',
  'executes-shell-command',
  'downloads-file',
  'uploads-data',
  'uses-http-client',
] as const;

export const localeDependentEntryPoint = definePolicy({
  id: 'locale-dependent-entry-point',
  category: 'hunting',
  title: 'Checks the machine’s language, time zone or country in code that runs on install or import.',
  description:
    'Raised when checks-locale-or-geolocation reports a time zone, language or country check, or a call to an IP ' +
    'geolocation service, in a file that runs when the package is installed or imported rather than in code the ' +
    'program calls. It is medium when the same file also deletes or writes files, starts programs or talks to ' +
    'the network, and low otherwise (translated messages read the language too).',
  problem:
    'A package whose install or entry code asks where it runs can behave differently for chosen countries: ' +
    'protestware such as node-ipc wiped files only on machines that geolocated to some countries, and malware ' +
    'uses the same check to stay quiet in sandboxes.',
  nextSteps: [
    'Read what the code does with the answer, especially any file write, delete or download that depends on it.',
  ],
  severity: 'medium',
  riskLabel: 'Causes risk: behaviour that depends on where it runs',
  references: { reversinglabs: ['TH16501'] },
  uses: ['checks-locale-or-geolocation', ...CONSEQUENCES],
  signals: [filePlacement],
  evaluate: (context) => {
    const stageOf = context.signal(filePlacement).stage;
    const evidence = occurrencesOf(context, 'checks-locale-or-geolocation')
      .filter((occurrence) => stageOf(occurrence.file) !== 'runtime')
      .map((occurrence) =>
        toEvidence('checks-locale-or-geolocation', occurrence, `on ${stageOf(occurrence.file)}`),
      );
    if (evidence.length === 0) return null;
    const files = new Set(evidence.map((item) => item.file));
    const acting = CONSEQUENCES.some((id) =>
      occurrencesOf(context, id).some((occurrence) => files.has(occurrence.file)),
    );
    return { evidence: evidence.slice(0, MAX_EVIDENCE), ...(acting ? {} : { severity: 'low' as const }) };
  },
});
