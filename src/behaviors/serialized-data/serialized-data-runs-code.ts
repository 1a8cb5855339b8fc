import { defineBehavior } from '../../catalog/define.ts';
import { serializedOccurrences } from '../lib/serialized/occurrences.ts';

export const serializedDataRunsCode = defineBehavior({
  id: 'serialized-data-runs-code',
  category: 'serialized-data',
  ecosystems: ['pypi', 'npm'],
  title: 'Ships serialized data that runs code when it is loaded.',
  description:
    'Reads pickles (.pkl, .pickle, .joblib, PyTorch checkpoints and their data.pkl, NumPy object arrays) opcode by opcode without unpickling them, and reports imports of eval, exec, compile, __import__, getattr, importlib, runpy, marshal.loads and similar; PyYAML !!python/object/apply and /new tags that call a callable; and node-serialize function markers. The evidence names the callable and the opcode that calls it (REDUCE, OBJ, INST, NEWOBJ, BUILD).',
  problem:
    'Loading such data runs the code it names with the rights of whoever loads it: pickle.load, torch.load, joblib.load, yaml.unsafe_load and node-serialize unserialize all execute it. Model and data files are rarely reviewed, which makes them a quiet place for a payload.',
  nextSteps: [
    'Do not load the file; list its opcodes with a pickle disassembler (python -m pickletools) to see what it calls.',
    'Prefer formats that cannot carry code (safetensors, JSON, .npy without object arrays).',
  ],
  severity: 'high',
  references: { cwe: ['CWE-502'] },
  detect: (context) => serializedOccurrences(context, 'execution'),
});
