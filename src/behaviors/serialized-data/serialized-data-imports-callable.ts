import { defineBehavior } from '../../catalog/define.ts';
import { serializedOccurrences } from '../lib/serialized/occurrences.ts';

export const serializedDataImportsCallable = defineBehavior({
  id: 'serialized-data-imports-callable',
  category: 'serialized-data',
  ecosystems: ['pypi', 'npm'],
  title: 'Ships serialized data that imports callables of its own choosing.',
  description:
    'Reports the imports of pickles (and NumPy object arrays, PyYAML python tags) that are neither plain data rebuilders (NumPy arrays and dtypes, PyTorch tensors, containers, dates) nor in the classes above: library classes such as scikit-learn estimators, or modules of the package itself.',
  problem:
    'Every import in a pickle runs code on load; most name the library that wrote the file, but each is code the reader must trust.',
  nextSteps: ['Check that the imported names belong to the library the file is meant for.'],
  severity: 'low',
  references: { cwe: ['CWE-502'] },
  detect: (context) => serializedOccurrences(context, 'other'),
});
