import type { DetectionContext, Occurrence } from '../../../catalog/types.ts';
import { locatedDetail, MAX_OCCURRENCES } from '../occurrence.ts';
import type { CallableClass } from './callables.ts';
import { serializedFindings } from './scan.ts';

const FORMAT: Record<string, string> = {
  pickle: 'pickle',
  numpy: 'NumPy object array (pickle)',
  yaml: 'PyYAML python tag',
  'node-serialize': 'node-serialize function',
};

export function serializedOccurrences(context: DetectionContext, cls: CallableClass): Occurrence[] {
  return serializedFindings(context.snapshot)
    .filter((finding) => finding.cls === cls)
    .slice(0, MAX_OCCURRENCES)
    .map((finding) => ({
      file: finding.file,
      line: finding.line,
      snippet: finding.snippet,
      detail: locatedDetail(
        finding.file,
        `${FORMAT[finding.format] ?? finding.format}: ${finding.callable}, ${finding.use}`,
      ),
    }));
}
