import type { IssueEvidence, PolicyContext } from '../../catalog/types.ts';
import type { ProvenanceFacts } from '../../enrich/types.ts';

/** The scanned artifact's provenance when the registry was asked; undefined otherwise (the policies stay silent). */
export function checkedProvenance(
  context: PolicyContext,
): Extract<ProvenanceFacts, { status: 'checked' }> | undefined {
  const provenance = context.enrichment?.provenance;
  return provenance?.status === 'checked' ? provenance : undefined;
}

/** One evidence entry on the registry field the attestations hang from (`dist.attestations`, `provenance`). */
export function provenanceEvidence(
  provenance: Extract<ProvenanceFacts, { status: 'checked' }>,
  detail: string,
  snippet?: string,
): IssueEvidence {
  return {
    file: provenance.file,
    field: provenance.field,
    component: provenance.subject,
    ...(snippet === undefined ? {} : { snippet }),
    detail,
  };
}
