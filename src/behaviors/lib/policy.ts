import type { CallFact } from '../../analysis/types.ts';
import type { IssueEvidence, Occurrence, PolicyContext, Severity } from '../../catalog/types.ts';
import { SEVERITY_ORDER } from '../../catalog/types.ts';
import { candidatePositions } from './call-index.ts';
import { pythonCallIndex } from './detect.ts';
import { buildBackendFiles, classifyLocation, isAuxiliary, type LocationClass } from './location.ts';
import { npmStages } from './npm.ts';
import { pythonImportReached } from './python-reach.ts';

/** Evidence lists stay short: a reader needs the strongest few lines, not every repetition. */
export const MAX_EVIDENCE = 20;

export function occurrencesOf(context: PolicyContext, id: string): readonly Occurrence[] {
  return context.behaviors.get(id)?.occurrences ?? [];
}

/**
 * Location of a file, with in-tree build backends recognised (computed once per policy run). A folder name is
 * the attacker's choice: a file that an npm install script or the package's entry point reaches, or that a
 * Python package's __init__.py or setup.py imports, is never discounted as a test, doc or example.
 */
export function locator(context: PolicyContext): (file: string) => LocationClass {
  const backends = buildBackendFiles(context.snapshot);
  const stages = npmStages(context.snapshot, context.facts);
  return (file) => {
    if (backends.has(file)) return 'build-backend';
    const location = classifyLocation(file);
    if (!isAuxiliary(location)) return location;
    return stages.has(file) || pythonImportReached(context.facts).has(file) ? 'module' : location;
  };
}

export function toEvidence(behavior: string, occurrence: Occurrence, detail?: string): IssueEvidence {
  const out: IssueEvidence = {
    behavior,
    file: occurrence.file,
    snippet: occurrence.snippet,
    ...(occurrence.line !== undefined ? { line: occurrence.line } : {}),
    ...(occurrence.column !== undefined ? { column: occurrence.column } : {}),
    ...(occurrence.field !== undefined ? { field: occurrence.field } : {}),
  };
  const note = detail ?? occurrence.detail;
  return note === undefined ? out : { ...out, detail: note };
}

export function callEvidence(behavior: string, call: CallFact, detail: string): IssueEvidence {
  return { behavior, file: call.file, line: call.line, column: call.column, snippet: call.snippet, detail };
}

/** Evidence without repeats of one line, capped. */
export function uniqueEvidence(items: readonly IssueEvidence[]): IssueEvidence[] {
  const seen = new Set<string>();
  const out: IssueEvidence[] = [];
  for (const item of items) {
    const key = `${item.behavior ?? ''}\u0000${item.file ?? ''}\u0000${item.line ?? ''}\u0000${item.field ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(item);
    if (out.length >= MAX_EVIDENCE) break;
  }
  return out;
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_ORDER.indexOf(a) >= SEVERITY_ORDER.indexOf(b) ? a : b;
}

/**
 * The Python calls whose callee matches one of `callees`, in file and source order, each with its file's
 * location class. Looked up in the package's call index, so a policy reads the few calls it can act on
 * rather than every call of the package.
 */
export function locatedCalls(
  context: PolicyContext,
  callees: readonly string[],
): { call: CallFact; location: LocationClass }[] {
  const where = locator(context);
  const index = pythonCallIndex(context.facts);
  return candidatePositions(index, callees).flatMap((position) => {
    const call = index.calls[position];
    return call === undefined ? [] : [{ call, location: where(call.file) }];
  });
}

/** Files where a behavior has at least one occurrence. */
export function filesOf(context: PolicyContext, id: string): Set<string> {
  return new Set(occurrencesOf(context, id).map((occurrence) => occurrence.file));
}
