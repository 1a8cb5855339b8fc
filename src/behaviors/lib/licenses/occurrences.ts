import type { Occurrence } from '../../../catalog/types.ts';
import type { DeclaredLicense } from './facts.ts';

/** A metadata finding: the file and the field, as the fixtures and reports locate metadata. */
export function declaredOccurrence(declared: DeclaredLicense, detail: string): Occurrence {
  return {
    file: declared.file,
    field: declared.field,
    snippet: declared.reading.expression ?? declared.text,
    detail,
  };
}
