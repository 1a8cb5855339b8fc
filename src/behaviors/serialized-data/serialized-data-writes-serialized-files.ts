import { defineBehavior } from '../../catalog/define.ts';
import { serializedOccurrences } from '../lib/serialized/occurrences.ts';

export const serializedDataWritesSerializedFiles = defineBehavior({
  id: 'serialized-data-writes-serialized-files',
  category: 'serialized-data',
  ecosystems: ['pypi', 'npm'],
  title: 'Ships serialized data that loads or writes other serialized data.',
  description:
    'Reports pickles (and NumPy object arrays, PyYAML python tags) that import pickle, dill, cloudpickle, joblib, marshal, shelve, yaml, torch.save / load or numpy.save / load: data that unpacks or rewrites further serialized files when it is loaded.',
  problem:
    'A pickle that loads another pickle hides its payload one layer deeper; one that writes pickles can plant code in other model and cache files, which then run it in turn.',
  nextSteps: ['Do not load the file; inspect it and every file it names with a pickle disassembler.'],
  severity: 'high',
  references: { cwe: ['CWE-502'] },
  detect: (context) => serializedOccurrences(context, 'serialized'),
});
