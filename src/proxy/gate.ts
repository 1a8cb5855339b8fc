import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unpackBuffer } from '../artifacts/load.ts';
import type { VerdictLevel } from '../catalog/engine.ts';
import { VERDICT_ORDER } from '../catalog/engine.ts';
import { judgeReport } from '../config/judge.ts';
import { type AssayConfig, DEFAULT_CONFIG } from '../config/types.ts';
import { describeError } from '../core/errors.ts';
import { ASSAY_VERSION } from '../core/version.ts';
import type { DocumentFetcher } from '../enrich/provenance.ts';
import type { ProvenanceFacts } from '../enrich/types.ts';
import type { Ecosystem } from '../metadata/types.ts';
import { buildReport } from '../report/build.ts';
import { defaultCatalog, scanArtifact } from '../scan/scan.ts';
import type { ScanOptions } from '../scan/types.ts';

/** An artifact the proxy is about to hand out, as the registry listed it. */
export interface ArtifactRef {
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly version: string;
  readonly filename: string;
  /** npm: the packument's manifest of the version, for the tarball-versus-registry comparison. */
  readonly registryManifest?: Readonly<Record<string, unknown>>;
  /** npm: the version before this one and whether it had provenance (from the packument the proxy fetched). */
  readonly previous?: { readonly version: string; readonly attested: boolean };
  /** PyPI: the index listed this file (with its PEP 740 provenance link, when there is one). */
  readonly indexFile?: { readonly provenance?: string };
}

/** What the gate decided about one artifact (by sha256), kept so each artifact is scanned once. */
export interface Decision {
  readonly sha256: string;
  readonly action: 'allow' | 'block';
  readonly verdict: VerdictLevel | 'error';
  /** One line: the worst issue, or why the artifact could not be judged. */
  readonly reason: string;
  readonly issues: readonly string[];
  /** What its provenance showed, in a few words (`verified: https://github.com/o/r`, `none`, `failed: …`). */
  readonly provenance?: string;
  /** The analyzer that judged it: a decision of another assay version is not reused. */
  readonly analyzer: string;
  readonly scanMs: number;
}

export interface GateOptions {
  readonly analyzer: string;
  /** Verdicts at or above this level are refused (default fail). */
  readonly blockAt?: Exclude<VerdictLevel, 'pass'>;
  /** Where decisions are kept across restarts; memory only when absent. */
  readonly dir?: string;
  readonly scan?: ScanOptions;
  /** Where linked attestations are fetched; without it provenance is not checked. */
  readonly documents?: DocumentFetcher;
  /**
   * assay.toml of the proxy's team: profile, per-policy levels, suppressions and the allow / deny lists judge
   * each artifact as `assay scan` would. The analyzer string must change with it (see configAnalyzer), so that
   * decisions made under another config are not reused.
   */
  readonly config?: AssayConfig;
  /** Replaces the scan (tests, bench): bytes in, verdict out. */
  readonly judge?: (
    bytes: Buffer,
    ref: ArtifactRef,
  ) => Promise<Omit<Decision, 'sha256' | 'analyzer' | 'scanMs' | 'action'>>;
}

/**
 * Scans each artifact at most once: decisions are keyed by the artifact's sha256 and the name and version it is
 * served as (the same bytes from another URL or mirror get the same answer), concurrent requests for one artifact
 * share one scan, and decisions survive a restart in `dir`.
 */
export class Gate {
  private readonly decisions = new Map<string, Decision>();
  private readonly pending = new Map<string, Promise<Decision>>();

  constructor(private readonly options: GateOptions) {}

  async decide(
    sha256: string,
    bytes: Buffer,
    ref: ArtifactRef,
  ): Promise<{ decision: Decision; cached: boolean }> {
    // The same bytes under another name or version are judged again: the malicious list and the registry
    // comparison are about the name and version, not only the bytes.
    const identity = createHash('sha256').update(`${ref.ecosystem}:${ref.name}@${ref.version}`).digest('hex');
    const key = `${sha256}-${identity.slice(0, 16)}`;
    const known = this.decisions.get(key) ?? (await this.load(key, sha256));
    if (known !== undefined) return { decision: known, cached: true };
    let running = this.pending.get(key);
    if (running === undefined) {
      running = this.judge(key, sha256, bytes, ref).finally(() => this.pending.delete(key));
      this.pending.set(key, running);
    }
    return { decision: await running, cached: false };
  }

  private async judge(key: string, sha256: string, bytes: Buffer, ref: ArtifactRef): Promise<Decision> {
    const started = performance.now();
    let judged: Omit<Decision, 'sha256' | 'analyzer' | 'scanMs' | 'action'>;
    try {
      judged = await (
        this.options.judge ??
        scanForGate(this.options.scan ?? {}, this.options.config, this.options.documents)
      )(bytes, ref);
    } catch (error) {
      // Fail closed: what cannot be unpacked or read cannot be vouched for.
      const { code, message } = describeError(error);
      judged = { verdict: 'error', reason: `could not be scanned (${code}: ${message})`, issues: [] };
    }
    const blockAt = this.options.blockAt ?? 'fail';
    const blocked =
      judged.verdict === 'error' || VERDICT_ORDER.indexOf(judged.verdict) >= VERDICT_ORDER.indexOf(blockAt);
    const decision: Decision = {
      sha256,
      action: blocked ? 'block' : 'allow',
      ...judged,
      analyzer: this.options.analyzer,
      scanMs: Math.round(performance.now() - started),
    };
    this.decisions.set(key, decision);
    await this.save(key, decision);
    return decision;
  }

  private path(key: string): string | undefined {
    return this.options.dir === undefined || !/^[0-9a-f]{64}-[0-9a-f]{16}$/.test(key)
      ? undefined
      : join(this.options.dir, `${key}.json`);
  }

  private async load(key: string, sha256: string): Promise<Decision | undefined> {
    const path = this.path(key);
    if (path === undefined) return undefined;
    try {
      const saved = JSON.parse(await readFile(path, 'utf8')) as Decision;
      if (saved.sha256 !== sha256 || saved.analyzer !== this.options.analyzer) return undefined;
      this.decisions.set(key, saved);
      return saved;
    } catch {
      return undefined;
    }
  }

  private async save(key: string, decision: Decision): Promise<void> {
    const path = this.path(key);
    if (path === undefined || this.options.dir === undefined) return;
    await mkdir(this.options.dir, { recursive: true });
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(decision));
    await rename(temp, path);
  }
}

/**
 * The analyzer string of decisions made under a config: the assay version, a digest of the config, and, while
 * suppressions may expire, the day (a decision that a suppression allowed is judged again the next day).
 */
export function configAnalyzer(config: AssayConfig, now: Date = new Date()): string {
  if (config === DEFAULT_CONFIG) return ASSAY_VERSION;
  const { file: _file, ...rules } = config;
  const digest = createHash('sha256').update(JSON.stringify(rules)).digest('hex').slice(0, 12);
  return `${ASSAY_VERSION}+config.${digest}${config.suppressions.length > 0 ? `.${now.toISOString().slice(0, 10)}` : ''}`;
}

/** The real judge: the whole scan pipeline on the bytes, in memory, and the worst issue as the reason. */
export function scanForGate(
  options: ScanOptions,
  config: AssayConfig = DEFAULT_CONFIG,
  documents?: DocumentFetcher,
): (bytes: Buffer, ref: ArtifactRef) => Promise<Omit<Decision, 'sha256' | 'analyzer' | 'scanMs' | 'action'>> {
  return async (bytes, ref) => {
    const unpacked = await unpackBuffer(bytes, ref.filename, options.limits);
    const result = await scanArtifact(unpacked, {
      ...options,
      ecosystem: ref.ecosystem,
      ...(ref.registryManifest === undefined ? {} : { registryManifest: ref.registryManifest }),
      ...(ref.indexFile === undefined ? {} : { indexFile: ref.indexFile }),
      ...(documents === undefined
        ? {}
        : {
            provenance: {
              documents,
              ...(ref.previous === undefined ? {} : { previous: ref.previous }),
            },
          }),
    });
    const scanned = buildReport(result, {
      toolVersion: ASSAY_VERSION,
      behaviors: defaultCatalog.behaviors,
      policies: defaultCatalog.policies,
    });
    // The same judgement as `assay scan` with the same assay.toml: levels, suppressions, allow and deny lists.
    const report = config === DEFAULT_CONFIG ? scanned : judgeReport(scanned, { config, now: new Date() });
    const worst = report.verdict.reasons[0];
    const reason =
      worst === undefined
        ? 'no issue at warning level or above'
        : `${worst.issue} (${worst.severity}): ${worst.title}`.replace(/:\s*$/, '');
    const provenance = describeProvenance(result.enrichment?.provenance);
    return {
      verdict: report.verdict.level,
      reason,
      issues: report.issues.map((issue) => issue.id),
      ...(provenance === undefined ? {} : { provenance }),
    };
  };
}

/** The decision log's few words on provenance; undefined when it was not asked. */
export function describeProvenance(facts: ProvenanceFacts | undefined): string | undefined {
  if (facts === undefined || facts.status === 'not-checked') return undefined;
  const { result, previous } = facts;
  switch (result.status) {
    case 'verified':
      return `verified: ${result.repository}${result.repositoryCheck === 'mismatch' ? ` (declared ${result.declaredRepository ?? 'elsewhere'})` : ''}`;
    case 'failed':
      return `failed: ${result.reason}`;
    case 'not-checked':
      return `not checked: ${result.reason}`;
    case 'none':
      return previous?.attested === true ? `none (${previous.version} had provenance)` : 'none';
  }
}
