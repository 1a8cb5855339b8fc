import type { z } from 'zod';
import { AssayError } from '../core/errors.ts';

/** Registry JSON is foreign input: parsed and validated here, at the boundary, or rejected with E_METADATA. */
export function parseRegistryJson<S extends z.ZodType>(body: Buffer, schema: S, what: string): z.infer<S> {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (cause) {
    throw new AssayError('E_METADATA', `Invalid JSON in ${what}.`, { cause });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue !== undefined && issue.path.length > 0 ? ` (field ${issue.path.join('.')})` : '';
    throw new AssayError(
      'E_METADATA',
      `Unexpected shape of ${what}${where}: ${issue?.message ?? 'invalid'}.`,
    );
  }
  return parsed.data;
}
