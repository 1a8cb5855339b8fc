import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzePackage } from '../analysis/analyze-package.ts';
import type { ScanWorkBudgetHit } from '../analysis/types.ts';
import { loadArtifact } from '../artifacts/load.ts';
import type { LimitHit, UnpackedArtifact } from '../artifacts/types.ts';
import { behaviors as behaviorRegistry } from '../behaviors/index.ts';
import { runBehaviors, runPolicies, verdictFor } from '../catalog/engine.ts';
import type { Catalog } from '../catalog/types.ts';
import { packageComponents } from '../enrich/components.ts';
import { type EnrichOptions, enrich } from '../enrich/enrich.ts';
import type { ProvenanceSubject } from '../enrich/provenance.ts';
import { readPackageMetadata } from '../metadata/read.ts';
import { metadataLimitHits, type PackageSnapshot } from '../metadata/snapshot.ts';
import { policies as policyRegistry } from '../policies/index.ts';
import { detectEcosystem } from './ecosystem.ts';
import { nameAndVersionFromFileName } from './filename.ts';
import type { PackageScanResult, ScanOptions } from './types.ts';

export const defaultCatalog: Catalog = { behaviors: behaviorRegistry, policies: policyRegistry };

/** Collect: the unpacked files and their metadata become one snapshot. */
export async function buildSnapshot(
  artifact: UnpackedArtifact,
  options: ScanOptions = {},
): Promise<PackageSnapshot> {
  const ecosystem = options.ecosystem ?? detectEcosystem(artifact.files);
  const metadata = await readPackageMetadata(ecosystem, artifact.files);
  const fromName = nameAndVersionFromFileName(artifact.source);
  return {
    ecosystem,
    name: metadata.name ?? fromName.name ?? 'unknown',
    version: metadata.version ?? fromName.version ?? 'unknown',
    artifact: {
      file: artifact.source,
      sha256: artifact.sha256,
      ...(options.artifactDigests === undefined ? {} : options.artifactDigests),
      size: artifact.size,
      format: artifact.format,
    },
    files: artifact.files,
    metadata,
    anomalies: artifact.anomalies,
    limitHits: [...artifact.limitHits, ...metadataLimitHits(metadata)],
    ...(options.registryManifest !== undefined ? { registryManifest: options.registryManifest } : {}),
  };
}

/** The enrich stage's options, taken from the scan's. */
export function enrichOptions(options: ScanOptions): EnrichOptions {
  return {
    ...(options.registry === undefined ? {} : { registry: options.registry }),
    ...(options.offline === true ? { offline: true } : {}),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.enrich === false ? { componentFacts: false } : {}),
    ...(options.vulnerabilities === undefined ? {} : { vulnerabilities: options.vulnerabilities }),
    ...(options.localData === undefined ? {} : { localData: options.localData }),
    ...(options.prevalence === undefined ? {} : { prevalence: options.prevalence }),
    ...(options.provenance === undefined ? {} : { documents: options.provenance.documents }),
  };
}

/** The artifact as the provenance check needs it, when it came from a registry (npm manifest, PyPI index entry). */
function provenanceSubject(
  snapshot: PackageSnapshot,
  options: ScanOptions,
): { artifact?: ProvenanceSubject } {
  const { name, version } = snapshot;
  if (snapshot.ecosystem === 'npm' && snapshot.registryManifest !== undefined) {
    const sha512 = snapshot.artifact.sha512;
    const previous = options.provenance?.previous;
    return {
      artifact: {
        ecosystem: 'npm',
        name,
        version,
        registryManifest: snapshot.registryManifest,
        ...(sha512 === undefined ? {} : { sha512 }),
        ...(previous === undefined ? {} : { previous }),
      },
    };
  }
  if (snapshot.ecosystem === 'pypi' && options.indexFile !== undefined) {
    const provenanceUrl = options.indexFile.provenance;
    return {
      artifact: {
        ecosystem: 'pypi',
        name,
        version,
        filename: basename(snapshot.artifact.file),
        sha256: snapshot.artifact.sha256,
        ...(provenanceUrl === undefined ? {} : { provenanceUrl }),
        urls: snapshot.metadata.urls,
      },
    };
  }
  return {};
}

/** Analyze, enrich, then judge: facts, behaviors, issues and the verdict for one unpacked artifact. */
export async function scanArtifact(
  artifact: UnpackedArtifact,
  options: ScanOptions = {},
  catalog: Catalog = defaultCatalog,
): Promise<PackageScanResult> {
  const started = performance.now();
  const unpacked = await buildSnapshot(artifact, options);
  // Registry look-ups wait on the network while the analysis keeps the CPU busy: run them side by side.
  // Enriched before judging, so the policies weigh the same findings the report lists.
  const [facts, enriched] = await Promise.all([
    analyzePackage(unpacked.files, options),
    enrich(
      {
        ecosystem: unpacked.ecosystem,
        components: packageComponents(unpacked),
        includeDev: false,
        ...provenanceSubject(unpacked, options),
      },
      enrichOptions(options),
    ),
  ]);
  // A spent work budget is a limit hit like an unpacking limit: reported, and the scan is incomplete.
  const snapshot =
    facts.workBudget === undefined
      ? unpacked
      : { ...unpacked, limitHits: [...unpacked.limitHits, workBudgetHit(facts.workBudget)] };
  const { components: enrichment, vulnerabilities, prevalence } = enriched;
  const context = {
    snapshot,
    facts,
    ...(enrichment === undefined ? {} : { enrichment }),
    ...(vulnerabilities === undefined ? {} : { vulnerabilities }),
  };
  const { hits, outcomes } = runBehaviors(catalog.behaviors, context);
  const { issues, errors } = runPolicies(catalog.policies, context, hits);
  return {
    subject: 'package',
    ...(enrichment === undefined ? {} : { enrichment }),
    ...(vulnerabilities === undefined ? {} : { vulnerabilities }),
    prevalence,
    snapshot,
    facts,
    behaviors: hits,
    detectorOutcomes: outcomes,
    issues,
    policyErrors: errors,
    verdict: verdictFor(issues),
    durationMs: performance.now() - started,
  };
}

/** A wheel, sdist, egg, npm tarball, directory or single file on disk. */
export async function scanPath(
  path: string,
  options: ScanOptions = {},
  catalog?: Catalog,
): Promise<PackageScanResult> {
  const artifact = await loadArtifact(path, options.limits);
  return scanArtifact(artifact, options, catalog);
}

function workBudgetHit(budget: ScanWorkBudgetHit): LimitHit {
  return {
    limit: 'scan-work',
    max: budget.max,
    observed: budget.observed,
    detail: `the package holds ${budget.observed} bytes of distinct source, over the scan's budget of ${budget.max}; ${budget.skippedFiles} source file(s) after that point were not analyzed (raise it with --max-analysis-bytes)`,
  };
}
