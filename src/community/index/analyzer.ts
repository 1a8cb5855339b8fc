import { createHash } from 'node:crypto';
import type { Catalog } from '../../catalog/types.ts';
import { ASSAY_VERSION } from '../../core/version.ts';
import type { CatalogIds } from './types.ts';

export function catalogIds(catalog: Catalog): CatalogIds {
  return {
    behavior: catalog.behaviors.map((b) => b.id).sort(),
    issue: catalog.policies.map((p) => p.id).sort(),
  };
}

/**
 * The version that tags scan results and snapshots: the tool version plus a fingerprint of the catalog's
 * ids (`0.1.0+c.1a2b3c4d`). The catalog grows between releases, and a package scanned before a behavior
 * existed could not have shown it: a new fingerprint makes `community build` scan it again instead of
 * skipping it, and keeps "no information" apart from "zero".
 */
export function analyzerVersion(catalog: Catalog, toolVersion: string = ASSAY_VERSION): string {
  const ids = catalogIds(catalog);
  const digest = createHash('sha256')
    .update([...ids.behavior.map((id) => `b:${id}`), ...ids.issue.map((id) => `i:${id}`)].join('\n'))
    .digest('hex');
  return `${toolVersion}+c.${digest.slice(0, 8)}`;
}
