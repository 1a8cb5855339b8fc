/** Hand-built facts for unit tests: a DetectionContext without parsing anything. */
import type { CallFact, PackageFacts, SourceFacts, StaticValue } from '../../analysis/types.ts';
import { policyContext } from '../../catalog/engine.ts';
import type { BehaviorHit, DetectionContext, PolicyContext } from '../../catalog/types.ts';
import type { PackageSnapshot } from '../../metadata/snapshot.ts';
import { emptyMetadata } from '../../metadata/types.ts';

export function str(value: string): StaticValue {
  return { kind: 'string', value };
}

export function ref(name: string): StaticValue {
  return { kind: 'ref', name };
}

export function call(
  file: string,
  line: number,
  callee: string,
  args: readonly StaticValue[] = [],
  extra: Partial<CallFact> = {},
): CallFact {
  return {
    file,
    line,
    column: 1,
    callee,
    resolved: !callee.startsWith('*.'),
    args,
    keywords: [],
    snippet: `${callee}(...)`,
    scope: 'module',
    ...extra,
  };
}

export function source(file: string, parts: Partial<Omit<SourceFacts, 'file'>> = {}): SourceFacts {
  return {
    file,
    language: 'python',
    imports: [],
    calls: [],
    strings: [],
    constructs: [],
    partial: false,
    ...parts,
  };
}

export function context(
  sources: readonly SourceFacts[],
  extra: { files?: PackageSnapshot['files']; facts?: Partial<PackageFacts> } = {},
): DetectionContext {
  const snapshot: PackageSnapshot = {
    ecosystem: 'pypi',
    name: 'fixture',
    version: '1.0',
    artifact: { file: 'fixture.tar.gz', sha256: '', size: 0, format: 'directory' },
    files: extra.files ?? [],
    metadata: emptyMetadata('pypi'),
    anomalies: [],
    limitHits: [],
  };
  return { snapshot, facts: { sources, urls: [], embedded: [], problems: [], ...extra.facts } };
}

export function withHits(base: DetectionContext, hits: readonly BehaviorHit[]): PolicyContext {
  return policyContext(base, hits);
}
