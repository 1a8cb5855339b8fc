import { defineBehavior } from '../../catalog/define.ts';
import { recordProblems } from '../lib/integrity/record.ts';
import { MAX_OCCURRENCES } from '../lib/occurrence.ts';

export const wheelRecordMismatch = defineBehavior({
  id: 'wheel-record-mismatch',
  category: 'anomaly',
  ecosystems: ['pypi'],
  title: 'Has wheel files that do not match the wheel’s own RECORD.',
  description:
    'Checks every line of a wheel’s .dist-info/RECORD against the wheel: the file must exist, have the listed ' +
    'size and the listed sha256 (base64url, as pip compares it). Files of the wheel that RECORD does not list are ' +
    'reported too. The evidence points at the RECORD line, or at line 1 for unlisted files.',
  problem:
    'Build tools write RECORD from the files they pack. A mismatch means the wheel was changed afterwards: by ' +
    'hand, by a broken tool, or by someone who slipped a file in. pip refuses hash mismatches only for some files.',
  nextSteps: [
    'Compare the wheel with the one the project’s own build produces, and with the sdist.',
    'Do not install a wheel whose changed files you cannot explain.',
  ],
  severity: 'high',
  references: { cwe: ['CWE-354'] },
  detect: (context) =>
    recordProblems(context.snapshot.files)
      .slice(0, MAX_OCCURRENCES)
      .map((problem) => ({
        file: problem.record,
        line: problem.line,
        snippet: problem.path,
        detail: `${problem.path}: ${problem.detail}`,
      })),
});
