import { defineBehavior } from '../../catalog/define.ts';
import { serializedOccurrences } from '../lib/serialized/occurrences.ts';

export const serializedDataUsesSystemInterfaces = defineBehavior({
  id: 'serialized-data-uses-system-interfaces',
  category: 'serialized-data',
  ecosystems: ['pypi', 'npm'],
  title: 'Ships serialized data that reaches system interfaces when it is loaded.',
  description:
    'Reports pickles (and NumPy object arrays, PyYAML python tags) that import os functions other than process starts, posix / nt, shutil, sys, ctypes, signal, open, pathlib, tempfile and similar interfaces to files, memory and the operating system.',
  problem:
    'Loading the data can read, write or delete files, change the environment or call native code, whatever the application that loads it intended.',
  nextSteps: ['Do not load the file; inspect it with a pickle disassembler.'],
  severity: 'high',
  references: { cwe: ['CWE-502'] },
  detect: (context) => serializedOccurrences(context, 'system'),
});
