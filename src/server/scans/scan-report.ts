/**
 * The server's scanner: one registry package or one uploaded archive in, one report out, the same way
 * `assay scan` makes it (the scan enriches with vulnerabilities and prevalence; the report builder renders). Only registry targets
 * and uploads the server itself wrote are scanned: a path typed into a form is refused, so a visitor can
 * never make the server read its own files.
 */
import type { FactsCache } from '../../analysis/pool/facts-cache.ts';
import { AssayError } from '../../core/errors.ts';
import { ASSAY_VERSION } from '../../core/version.ts';
import { buildReport } from '../../report/build.ts';
import type { Report } from '../../report/model.ts';
import { defaultCatalog } from '../../scan/scan.ts';
import { scanTarget } from '../../scan/target.ts';
import { parseTarget } from '../../sources/target.ts';

export type ScanRequest =
  | { readonly kind: 'registry'; readonly target: string }
  /** An upload the server saved to `path`; `filename` is what the visitor called it (shown only). */
  | { readonly kind: 'upload'; readonly path: string; readonly filename: string };

export type Scanner = (request: ScanRequest) => Promise<Report>;

/** Parses a name or purl typed by a visitor; anything but a registry package is a usage error. */
export function registryTarget(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.length > 300) throw new AssayError('E_USAGE', 'Give a package name or purl.');
  const target = parseTarget(trimmed);
  if (target.kind !== 'registry') {
    throw new AssayError('E_USAGE', 'Give npm:NAME[@VERSION], pypi:NAME[==VERSION] or a purl.');
  }
  return trimmed;
}

export interface ScannerOptions {
  readonly db?: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly offline?: boolean;
  /** Per-file facts cached by content: a file any earlier scan or indexing job read is not analyzed again. */
  readonly factsCache?: FactsCache;
}

/** Upload limits are the scan's own unpack limits, tightened: the server scans for strangers. */
const SERVER_LIMITS = { maxTotalBytes: 256 * 1024 ** 2, maxMembers: 20_000 } as const;

export function defaultScanner(options: ScannerOptions): Scanner {
  return async (request) => {
    const target = request.kind === 'registry' ? registryTarget(request.target) : request.path;
    const scans = await scanTarget(target, {
      limits: SERVER_LIMITS,
      ...(options.factsCache === undefined ? {} : { factsCache: options.factsCache }),
      network: request.kind === 'registry' && options.offline !== true,
      ...(options.offline ? { offline: true } : {}),
      localData: { db: options.db, env: options.env },
      fetch: { artifact: 'auto', env: options.env, ...(options.offline ? { offline: true } : {}) },
    });
    const first = scans[0];
    if (first === undefined || first.result.subject !== 'package') {
      throw new AssayError('E_USAGE', 'The upload is not a package archive.');
    }
    return buildReport(first.result, {
      toolVersion: ASSAY_VERSION,
      behaviors: defaultCatalog.behaviors,
      policies: defaultCatalog.policies,
    });
  };
}
