import { defineBehavior } from '../../catalog/define.ts';
import { compressedProgramIn } from '../lib/executables.ts';
import { codeStrings } from '../lib/match.ts';
import { OccurrenceCollector, stringOccurrence } from '../lib/occurrence.ts';

const BASE64 = /^[A-Za-z0-9+/]{64}/;
/** Base64 characters decoded per string: enough for the compressed prefix the check reads. */
const MAX_DECODED_CHARS = 24 * 1024;
/** Archive formats are reported as archives; a compressed member that is a program is what this looks for. */
const ARCHIVE_NAME = /\.(?:tar\.gz|tgz|whl|zip|jar|egg)$/i;

export const containsCompressedExecutable = defineBehavior({
  id: 'contains-compressed-executable',
  category: 'evasion',
  ecosystems: ['pypi', 'npm'],
  title: 'Carries a program inside zlib- or gzip-compressed data.',
  description:
    'Inflates the start of base64 code strings that decode to zlib or gzip data, and of package files that are ' +
    'gzip or zlib streams (archives such as .tar.gz and wheels are left to the archive checks), and reports those ' +
    'whose content begins with the header of a Windows PE, ELF or Mach-O program.',
  problem:
    'Compressing a program hides its header from tools that look for executables by their first bytes. Droppers ' +
    'ship their payload this way and inflate it to disk before running it.',
  nextSteps: [
    'Find the code that decompresses the data and where it writes and runs the result.',
    'Scan the inflated program with an antivirus engine from a safe machine.',
  ],
  severity: 'high',
  references: { reversinglabs: ['TH16109'], mitreAttack: ['T1027.002', 'T1140'] },
  detect: (context) => {
    const collector = new OccurrenceCollector();
    for (const fact of codeStrings(context)) {
      if (collector.full) break;
      if (fact.value.length < 128 || !BASE64.test(fact.value)) continue;
      const bytes = Buffer.from(fact.value.slice(0, MAX_DECODED_CHARS), 'base64');
      const found = compressedProgramIn(bytes);
      if (found !== null)
        collector.add(
          stringOccurrence(fact, `base64 ${found.compression} data that inflates to a ${found.kind} program`),
        );
    }
    for (const file of context.snapshot.files) {
      if (collector.full) break;
      if (ARCHIVE_NAME.test(file.path) || file.data.length < 32) continue;
      const found = compressedProgramIn(file.data);
      if (found !== null)
        collector.add({
          file: file.path,
          line: 1,
          snippet: file.path,
          detail: `${found.compression} file that inflates to a ${found.kind} program`,
        });
    }
    return collector.list();
  },
});
