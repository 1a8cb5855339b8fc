import { defineBehavior } from '../../catalog/define.ts';
import { SERIALIZED_CODE_CALLEES } from '../lib/apis.ts';
import { detectCalls } from '../lib/detect.ts';

export const loadsSerializedCode = defineBehavior({
  id: 'loads-serialized-code',
  category: 'execution',
  ecosystems: ['pypi'],
  title: 'Loads serialized objects or code objects.',
  description:
    'Finds marshal.loads / load, pickle, cPickle, dill and cloudpickle loads, and direct construction of code and ' +
    'function objects through types.CodeType and types.FunctionType.',
  problem:
    'Unpickling runs code chosen by whoever wrote the data, and marshal turns bytes into Python bytecode that ' +
    'never appears as source. Malware ships its payload as a marshalled blob to defeat review; honest code uses ' +
    'pickle for caches and model files, which is only safe for data the package itself produced.',
  nextSteps: [
    'Check where the loaded bytes come from: a blob in the package or a download is a red flag.',
    'Never unpickle data from an untrusted source.',
  ],
  severity: 'low',
  references: { cwe: ['CWE-502'], mitreAttack: ['T1027'] },
  detect: (context) => detectCalls(context, [{ callees: SERIALIZED_CODE_CALLEES }]),
});
