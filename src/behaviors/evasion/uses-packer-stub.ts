import type { ConstructFact } from '../../analysis/types.ts';
import { defineBehavior } from '../../catalog/define.ts';
import type { DetectionContext, Occurrence } from '../../catalog/types.ts';
import { detectCalls, detectConstructs, importOccurrences, mergeOccurrences } from '../lib/detect.ts';
import { locatedDetail, OccurrenceCollector } from '../lib/occurrence.ts';
import { isPythonSource, lines, snippetOf, textFiles } from '../lib/text.ts';

/** Decompressors whose output exec runs: the payload was packed to hide it. */
const DECOMPRESSORS = new Set([
  'zlib.decompress',
  'lzma.decompress',
  'bz2.decompress',
  'gzip.decompress',
  'codecs.decode',
]);
const DECODER = /^(?:base64\.\w*decode|binascii\.a2b_\w+|codecs\.decode)/;

/**
 * The packer an exec chain shows (exec(marshal.loads(…)), exec(zlib.decompress(base64.b64decode(…))): the
 * shape packers emit), as the construct to report, or undefined for an ordinary exec.
 */
function packedExec(fact: ConstructFact): ConstructFact | undefined {
  if (fact.kind !== 'exec-chain') return fact;
  const chain = fact.detail ?? '';
  const calls = chain.split(' <- ');
  let packer: string | undefined;
  if (calls.includes('marshal.loads')) packer = 'marshal-exec';
  else if (calls.some((c) => DECOMPRESSORS.has(c))) packer = 'compressed-exec';
  else if (calls.some((c) => DECODER.test(c))) packer = 'encoded-exec';
  return packer === undefined ? undefined : { ...fact, detail: `${packer}: ${chain}` };
}

/** Signatures public obfuscators leave in their output (a marker variable or a banner comment). */
const OBFUSCATOR_MARK =
  /^__obfuscator__\s*=|^#\s*Obfuscated (with|by)\b|pyobfuscate\.com|^#\s*Protected by\b/i;

/** Words every OBFUSCATOR_MARK alternative contains, to rule a file out from its first lines' bytes. */
const MARK_WORDS = /obfuscat|protected by/i;
const MARK_LINES = 200;

/** The first MARK_LINES lines, read as latin1: enough to rule a file out without decoding it all. */
function headOf(data: Buffer): string {
  let end = -1;
  for (let line = 0; line < MARK_LINES; line++) {
    end = data.indexOf(10, end + 1);
    if (end < 0) return data.toString('latin1');
  }
  return data.toString('latin1', 0, end);
}

function obfuscatorMarks(context: DetectionContext): readonly Occurrence[] {
  const collector = new OccurrenceCollector();
  for (const { file, text } of textFiles(context, isPythonSource, (data) => MARK_WORDS.test(headOf(data)))) {
    for (const entry of lines(text)) {
      if (collector.full || entry.line > MARK_LINES) break;
      if (!OBFUSCATOR_MARK.test(entry.text)) continue;
      collector.add({
        file: file.path,
        line: entry.line,
        snippet: snippetOf(entry.text),
        detail: locatedDetail(file.path, 'carries an obfuscator signature'),
      });
    }
  }
  return collector.list();
}

export const usesPackerStub = defineBehavior({
  id: 'uses-packer-stub',
  category: 'evasion',
  ecosystems: ['pypi'],
  title: 'Ships code protected by a packer such as PyArmor.',
  description:
    "Finds packer stubs: the analyzer's packer-stub marks, calls to __pyarmor__ and PyArmor's __armor_enter__ / __armor_exit__ function wrappers, imports of the pytransform " +
    'or pyarmor_runtime loaders that unpack encrypted bytecode at run time, and the signatures public obfuscators ' +
    'leave in their output (an __obfuscator__ marker, an "Obfuscated with" banner).',
  problem:
    'Packed code cannot be read or reviewed; it runs bytecode that only exists once the loader decrypts it. ' +
    'Commercial software sometimes ships this way, but in an open-source package it mostly serves to hide what ' +
    'the code does.',
  nextSteps: [
    'Do not use a packed open-source package without a reason to trust its author.',
    'Ask the maintainers for the unpacked source, or run it only in a sandbox.',
  ],
  severity: 'medium',
  references: { mitreAttack: ['T1027.002'], guarddog: ['obfuscation'] },
  detect: (context) =>
    mergeOccurrences(
      detectConstructs(context, ['packer-stub', 'exec-chain'], 'packed code', packedExec),
      detectCalls(context, [{ callees: ['__pyarmor__', '*.__pyarmor__', 'pyarmor_runtime.*'] }]),
      importOccurrences(context, ['pytransform', 'pyarmor_runtime'], 'imports a packer runtime'),
      obfuscatorMarks(context),
    ),
});
