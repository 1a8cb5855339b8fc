import { defineBehavior } from '../../catalog/define.ts';
import { DECOMPRESS_CALLEES } from '../lib/apis.ts';
import { codecFamily } from '../lib/codecs.ts';
import { detectCalls } from '../lib/detect.ts';

export const decompressesData = defineBehavior({
  id: 'decompresses-data',
  category: 'evasion',
  ecosystems: ['pypi'],
  title: 'Decompresses data in memory.',
  description:
    'Finds zlib, lzma, bz2 and gzip decompression of in-memory data (decompress and decompressor objects) and ' +
    'codecs.decode with a compression codec.',
  problem:
    'Compressing a payload and embedding it as a blob hides its text from readers and signature scanners; ' +
    'obfuscators stack zlib under base64 for that reason. Network and file-format code decompresses data honestly.',
  nextSteps: [
    'Find the compressed input: a literal blob inside the code deserves to be decompressed and read offline.',
  ],
  severity: 'info',
  references: { mitreAttack: ['T1140', 'T1027'] },
  detect: (context) =>
    detectCalls(context, [
      { callees: DECOMPRESS_CALLEES },
      { callees: ['codecs.decode'], when: (call) => codecFamily(call) === 'compression' },
    ]),
});
