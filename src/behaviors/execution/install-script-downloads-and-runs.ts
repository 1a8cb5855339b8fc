import { defineBehavior } from '../../catalog/define.ts';
import { installScripts } from '../lib/npm.ts';
import { OccurrenceCollector } from '../lib/occurrence.ts';
import { scriptOccurrence } from './runs-install-script.ts';

/** Shapes of "fetch something and run it" written straight into a lifecycle command. */
const DOWNLOAD_AND_RUN: readonly { readonly pattern: RegExp; readonly note: string }[] = [
  {
    pattern: /\b(?:curl|wget|fetch)\b[^|;&]*\|\s*(?:sudo\s+)?(?:ba|z|da|k)?sh\b/i,
    note: 'pipes a download into a shell',
  },
  {
    pattern:
      /\b(?:curl|wget)\b[^;&|]*(?:-o|-O|>)\s*\S+.*(?:&&|;)\s*(?:sudo\s+)?(?:(?:ba)?sh\s|chmod\s+\+?[0-7x]|\.\/|node\s|python)/i,
    note: 'downloads a file, then runs it',
  },
  {
    // wget keeps the file under the URL's last segment, so no -O is needed before running it.
    pattern:
      /\bwget\b[^;&|]*\bhttps?:\/\/\S+.*(?:&&|;)\s*(?:sudo\s+)?(?:chmod\s+\+?[0-7x]|\.\/|(?:ba)?sh\s)/i,
    note: 'downloads a file, then runs it',
  },
  { pattern: /\$\(\s*(?:curl|wget)\b|`\s*(?:curl|wget)\b/i, note: 'runs the output of a download' },
  {
    pattern:
      /(?:iwr|irm|Invoke-WebRequest|Invoke-RestMethod|DownloadString|DownloadFile|Net\.WebClient)[\s\S]*(?:iex|Invoke-Expression|Start-Process)/i,
    note: 'PowerShell download cradle',
  },
  {
    pattern:
      /\bnode\s+(?:-e|--eval|-p|--print)\b.*(?:https?:\/\/|require\(\s*\\?['"](?:node:)?https?\\?['"]\s*\)|\bfetch\s*\()/i,
    note: 'inline node code that reaches the network',
  },
];

export const installScriptDownloadsAndRuns = defineBehavior({
  id: 'install-script-downloads-and-runs',
  category: 'execution',
  ecosystems: ['npm'],
  title: 'Downloads and runs code from an install script.',
  description:
    'Reads the preinstall, install and postinstall commands for curl or wget piped into a shell, a download ' +
    'followed by running the file, $(curl …), PowerShell download cradles and inline `node -e` code that opens ' +
    'a URL or requires http(s).',
  problem:
    'A command that fetches code and runs it at install time runs whatever the server sends that day, with no ' +
    'copy in the package for anyone to review. It is the usual first stage of npm droppers.',
  nextSteps: [
    'Do not install the package; fetch the URL only from a sandbox to see what it serves.',
    'If it was installed, treat the machine as compromised and rotate the credentials it held.',
  ],
  severity: 'high',
  references: { mitreAttack: ['T1105', 'T1059.004'], cwe: ['CWE-494'] },
  detect: ({ snapshot }) => {
    const collector = new OccurrenceCollector();
    for (const script of installScripts(snapshot)) {
      const found = DOWNLOAD_AND_RUN.find((shape) => shape.pattern.test(script.command));
      if (found) collector.add(scriptOccurrence(script, `${script.name}: ${found.note}`));
    }
    return collector.list();
  },
});
