import { defineBehavior } from '../../catalog/define.ts';
import { serializedOccurrences } from '../lib/serialized/occurrences.ts';

export const serializedDataStartsProcess = defineBehavior({
  id: 'serialized-data-starts-process',
  category: 'serialized-data',
  ecosystems: ['pypi', 'npm'],
  title: 'Ships serialized data that starts programs when it is loaded.',
  description:
    'Reports pickles (and NumPy object arrays, PyYAML python tags) that import os.system, os.popen, the os.exec and os.spawn families, subprocess, pty or platform.popen, with the opcode that calls them.',
  problem:
    'A pickle that calls os.system runs a shell command on every machine that loads it: the classic way to hide a dropper in a model or data file.',
  nextSteps: [
    'Do not load the file; inspect it with a pickle disassembler.',
    'Replace it with a format that cannot carry code.',
  ],
  severity: 'high',
  references: { cwe: ['CWE-502'] },
  detect: (context) => serializedOccurrences(context, 'process'),
});
