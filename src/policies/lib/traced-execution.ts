import { filePlacement } from '../../behaviors/signals/file-placement.ts';
import { flowInDetail } from '../../catalog/lib/data-flow.ts';
import { maxSeverity, toEvidence, type WeighedEvidence } from '../../catalog/lib/evidence.ts';
import { isAuxiliary } from '../../catalog/lib/location.ts';
import type { PolicyContext, Severity } from '../../catalog/types.ts';
import { occurrencesOf } from './evidence.ts';

const STAGE_NOTE = { install: 'at install time', import: 'on import', runtime: 'when called' } as const;

/**
 * Traced flows reported by a flow behavior (executes-decoded-code, executes-downloaded-code), weighed by the
 * stage of their file: install and import time critical, runtime high (Python: critical, like the nested call), and files nothing reaches (tests,
 * examples) medium. A downloaded value in a command line at runtime is medium: CLIs build commands from
 * registry answers (`npm i ${latest}`). Reads the behavior and the signal file-placement.
 */
export function tracedExecution(context: PolicyContext, behavior: string): WeighedEvidence {
  const finding: WeighedEvidence = { evidence: [], severity: 'info' };
  const occurrences = occurrencesOf(context, behavior);
  if (occurrences.length === 0) return finding;
  const placement = context.signal(filePlacement);
  const python = context.snapshot.ecosystem === 'pypi';
  for (const occurrence of occurrences) {
    const stage = placement.npmStage(occurrence.file) ?? placement.stage(occurrence.file);
    const flow = flowInDetail(occurrence.detail);
    // Python flows weigh like the nested calls they unfold (`exec(requests.get(u).text)` is critical anywhere
    // but tests and examples): a name between the source and the sink changes nothing.
    let level: Severity = stage === 'runtime' && !python ? 'high' : 'critical';
    if (flow?.sink === 'process' && flow.labels.includes('remote') && stage === 'runtime') level = 'medium';
    if (isAuxiliary(placement.locate(occurrence.file))) level = 'medium';
    finding.severity = maxSeverity(finding.severity, level);
    if (finding.evidence.length < 10)
      finding.evidence.push(toEvidence(behavior, occurrence, STAGE_NOTE[stage]));
  }
  return finding;
}
