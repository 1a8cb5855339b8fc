import { defineBehavior } from '../../catalog/define.ts';
import { programIn } from '../lib/executables.ts';
import { codeStrings } from '../lib/match.ts';
import { OccurrenceCollector, stringOccurrence } from '../lib/occurrence.ts';

/** Shorter strings are names and keys, not programs: a PE header alone is 64 bytes, base64 of it 88 characters. */
const MIN_LENGTH = 128;
const BASE64 = /^[A-Za-z0-9+/]{64}/;
const HEX = /^[0-9a-fA-F]{64}/;

/** The kind of program a long base64 or hex string decodes to, judged by its first bytes. */
function encodedProgram(value: string): { kind: string; encoding: string } | null {
  if (value.length < MIN_LENGTH) return null;
  const head = value.slice(0, 64);
  if (HEX.test(head)) {
    const kind = programIn(Buffer.from(head, 'hex'));
    return kind === null ? null : { kind, encoding: 'hex' };
  }
  if (BASE64.test(head)) {
    const kind = programIn(Buffer.from(head, 'base64'));
    return kind === null ? null : { kind, encoding: 'base64' };
  }
  return null;
}

export const containsEncodedExecutable = defineBehavior({
  id: 'contains-encoded-executable',
  category: 'evasion',
  ecosystems: ['pypi', 'npm'],
  title: 'Carries a program encoded as base64 or hex text in its code.',
  description:
    'Decodes the start of every long base64 or hex code string and reports those that begin with the header of ' +
    'a program: Windows PE (MZ with a DOS header), ELF or Mach-O.',
  problem:
    'A program written out as text in source code is invisible to tools that look for binary files. Droppers ' +
    'carry their payload this way and write it to disk before running it.',
  nextSteps: [
    'Find the code that decodes the string and where it writes and runs the result.',
    'Scan the decoded program with an antivirus engine from a safe machine.',
  ],
  severity: 'high',
  references: { reversinglabs: ['TH16107'], mitreAttack: ['T1027.009', 'T1140'] },
  detect: (context) => {
    const collector = new OccurrenceCollector();
    for (const fact of codeStrings(context)) {
      if (collector.full) break;
      const found = encodedProgram(fact.value);
      if (found !== null)
        collector.add(
          stringOccurrence(fact, `${found.encoding} text that decodes to a ${found.kind} program`),
        );
    }
    return collector.list();
  },
});
