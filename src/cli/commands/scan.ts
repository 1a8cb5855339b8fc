import type { Command } from 'commander';
import { Option } from 'commander';
import type { UnpackLimits } from '../../artifacts/types.ts';
import { VERDICT_ORDER, type VerdictLevel } from '../../catalog/engine.ts';
import { readBaseline } from '../../config/baseline.ts';
import { judgeReport } from '../../config/judge.ts';
import { resolveConfig } from '../../config/load.ts';
import { type AssayConfig, DEFAULT_CONFIG } from '../../config/types.ts';
import { AssayError } from '../../core/errors.ts';
import { ASSAY_VERSION } from '../../core/version.ts';
import { buildReport } from '../../report/build.ts';
import type { Report } from '../../report/model.ts';
import {
  loadRenderer,
  OUTPUT_FORMATS,
  type OutputFormat,
  renderAs,
  renderManyAs,
} from '../../report/render.ts';
import { classifyTarget } from '../../scan/classify.ts';
import { defaultCatalog } from '../../scan/scan.ts';
import { scanTarget } from '../../scan/target.ts';
import type { ScanOptions } from '../../scan/types.ts';
import { offlineRequested } from '../../sources/fetch.ts';
import { parseTarget } from '../../sources/target.ts';
import type { ArtifactChoice } from '../../sources/types.ts';
import { factsCachePath, lazyFactsCache } from '../../store/facts-open.ts';
import { EXIT } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { byteSize, oneOf, positiveInteger } from '../options.ts';
import { writeReport } from '../output.ts';
import { prepareAnalysis } from '../prepare-analysis.ts';
import { withConfigDefaults } from '../scan-config.ts';

export type { OutputFormat };
export type FailOn = VerdictLevel | 'never';

export interface ScanCommandOptions {
  readonly format: OutputFormat;
  readonly output?: string;
  readonly failOn: FailOn;
  readonly maxEvidence: number;
  readonly color?: boolean;
  readonly workers?: number;
  readonly ecosystem?: 'pypi' | 'npm';
  readonly maxTotalBytes?: number;
  readonly maxMembers?: number;
  readonly maxMemberBytes?: number;
  readonly maxRatio?: number;
  readonly maxNesting?: number;
  /** The whole scan's analysis budget: bytes of distinct source handed to the analyzers. */
  readonly maxAnalysisBytes?: number;
  readonly artifact: ArtifactChoice;
  readonly offline?: boolean;
  readonly indexUrl?: string;
  readonly registry?: string;
  readonly db?: string;
  /** Project scans: also fetch and analyze each component's code. */
  readonly deep?: boolean;
  /** `--no-registry-checks` sets this to false: the hunting checks use only the shipped snapshots. */
  readonly registryChecks?: boolean;
  /** assay.toml to use instead of the one found from the current directory upward. */
  readonly config?: string;
  /** A JSON report of an earlier run: only findings absent from it count for the exit code. */
  readonly baseline?: string;
  /** Absolute URL of the catalog docs, for SARIF helpUri links. */
  readonly docsUrl?: string;
  /** `--no-facts-cache` sets this to false: analyze every file, read and write no cached facts. */
  readonly factsCache?: boolean;
}

export function registerScan(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('scan')
    .description(
      'scan a package (archive, directory or file) or a project (manifest, lockfile, or a directory with a lockfile)',
    )
    .argument(
      '<targets...>',
      'one or more: a package archive or directory, a manifest or lockfile, npm:NAME[@VERSION], pypi:NAME[==VERSION], or a purl (pkg:npm/…, pkg:pypi/…); each gets its own report and the exit code is the worst',
    )
    .addOption(new Option('-f, --format <format>', 'report format').choices(OUTPUT_FORMATS).default('text'))
    .option(
      '-o, --output <file>',
      'write the report to a file (whole or not at all; a device or FIFO is written directly, a symlink refused, - is standard output)',
    )
    .addOption(
      new Option(
        '--fail-on <level>',
        'exit 1 when the verdict is at or above this level (choices: warning, fail, never)',
      )
        .argParser(oneOf<FailOn>(['warning', 'fail', 'never']))
        .default('fail'),
    )
    .option('--max-evidence <n>', 'evidence lines per finding in the text report', positiveInteger, 3)
    .option('--no-color', 'no colours in the text report')
    .addOption(
      new Option('--ecosystem <name>', 'treat the package as this ecosystem').choices(['pypi', 'npm']),
    )
    .option(
      '--workers <n>',
      'analysis threads, the main thread included (0 or 1: main thread only)',
      positiveInteger,
    )
    .option('--max-total-bytes <size>', 'limit: unpacked bytes of the whole package (default 512M)', byteSize)
    .option('--max-members <n>', 'limit: members in an archive (default 50000)', positiveInteger)
    .option('--max-member-bytes <size>', 'limit: unpacked bytes of one member (default 128M)', byteSize)
    .option('--max-ratio <n>', 'limit: compression ratio (default 200)', positiveInteger)
    .option('--max-nesting <n>', 'limit: depth of archives inside archives (default 2)', positiveInteger)
    .option(
      '--max-analysis-bytes <size>',
      'limit: bytes of distinct source analyzed in the whole scan, in archive order (default 128M)',
      byteSize,
    )
    .addOption(
      new Option(
        '--artifact <choice>',
        'PyPI file to scan: auto (sdist, else pure wheel, else first wheel), sdist, wheel, all',
      )
        .choices(['auto', 'sdist', 'wheel', 'all'])
        .default('auto'),
    )
    .option('--offline', 'use only the local cache and shipped data (also ASSAY_OFFLINE=1)')
    .option('--index-url <url>', 'PyPI simple index (also ASSAY_PYPI_INDEX_URL, PIP_INDEX_URL)')
    .option('--registry <url>', 'npm registry (also ASSAY_NPM_REGISTRY)')
    .option('--db <path>', 'assay database with vulnerabilities and the community index (also ASSAY_DB)')
    .option('--deep', 'project scans: also download and analyze the code of every registry component')
    .option(
      '--registry-checks',
      'ask the registry about every component (removal, publish dates, repository) and verify the provenance it publishes; default only for npm:/pypi: targets and --deep',
    )
    .option('--no-registry-checks', 'never ask the registry about components; use the shipped snapshots only')
    .option(
      '--config <path>',
      'assay.toml to use (default: found from the current directory up to the repository root)',
    )
    .option(
      '--baseline <report.json>',
      'a JSON report of an earlier run: only findings absent from it fail the run',
    )
    .option('--docs-url <url>', 'absolute URL of the catalog docs (docs/ folder), for SARIF rule help links')
    .option(
      '--no-facts-cache',
      'analyze every file again: no per-file facts read from or written to the cache (~/.cache/assay/facts.db, ASSAY_FACTS_DB; ASSAY_FACTS_CACHE=0 also turns it off)',
    )
    .action(async (targets: string[], options: ScanCommandOptions, command: Command) => {
      const config = resolveConfig(options.config, io.cwd, new Set(defaultCatalog.policies.map((p) => p.id)));
      const typed = (name: string) => command.getOptionValueSource(name) === 'cli';
      // --artifact picks among a PyPI release's files; an npm version has one tarball, so a choice would be ignored.
      for (const target of typed('artifact') && options.artifact !== 'auto' ? targets : []) {
        const parsed = parseTarget(target);
        if (parsed.kind === 'registry' && parsed.ecosystem === 'npm')
          throw new AssayError(
            'E_USAGE',
            `--artifact ${options.artifact} applies to PyPI targets; an npm version has one tarball (${target})`,
          );
      }
      setExit(await runScan(targets, withConfigDefaults(options, config, typed), io, config));
    });
}

function limitsFrom(options: ScanCommandOptions): Partial<UnpackLimits> {
  return {
    ...(options.maxTotalBytes === undefined ? {} : { maxTotalBytes: options.maxTotalBytes }),
    ...(options.maxMembers === undefined ? {} : { maxMembers: options.maxMembers }),
    ...(options.maxMemberBytes === undefined ? {} : { maxMemberBytes: options.maxMemberBytes }),
    ...(options.maxRatio === undefined ? {} : { maxCompressionRatio: options.maxRatio }),
    ...(options.maxNesting === undefined ? {} : { maxNestingDepth: options.maxNesting }),
  };
}

/** Exit code for a finished scan: findings at or above --fail-on first, then an incomplete scan. */
export function exitCodeForReport(report: Report, failOn: FailOn): number {
  // With a baseline only the new findings can fail the run; the report still shows the whole verdict.
  const level = report.policy?.baseline?.verdict ?? report.verdict.level;
  if (failOn !== 'never' && VERDICT_ORDER.indexOf(level) >= VERDICT_ORDER.indexOf(failOn)) {
    return EXIT.findings;
  }
  // Any part left unread (a limit, a work budget, a failed detector) is exit 5, never a silent 0.
  if (!report.completeness.complete) return EXIT.incomplete;
  return EXIT.ok;
}

export function renderReport(report: Report, options: ScanCommandOptions, io: CliIo): string {
  return renderAs(options.format, report, renderOptions(options, io));
}

function renderOptions(options: ScanCommandOptions, io: CliIo): Parameters<typeof renderAs>[2] {
  // --no-color wins; FORCE_COLOR (not 0 / false) colours standard output even on a pipe (CI logs show colours);
  // NO_COLOR turns colours off; otherwise a terminal gets them.
  const force = io.env['FORCE_COLOR'];
  const forced = force !== undefined && !/^(0|false)$/i.test(force.trim());
  const color =
    options.output === undefined &&
    options.color !== false &&
    (forced || (io.stdoutIsTTY && io.env['NO_COLOR'] === undefined));
  return {
    color,
    maxEvidence: options.maxEvidence,
    ...(options.docsUrl ? { docsBaseUrl: options.docsUrl } : {}),
  };
}

/**
 * Scans each target in turn and renders every report as one output; the exit code is the worst of them. A target
 * that cannot be scanned stops the run before anything is written (its error names it), so an output never holds
 * some reports and silently lacks others.
 */
export async function runScan(
  target: string | readonly string[],
  options: ScanCommandOptions,
  io: CliIo,
  config: AssayConfig = DEFAULT_CONFIG,
): Promise<number> {
  const targets = typeof target === 'string' ? [target] : target;
  const baseline = options.baseline === undefined ? undefined : readBaseline(options.baseline);
  const reports: Report[] = [];
  // Per-file facts cached by content: a file met in an earlier scan is not analyzed again.
  const factsPath = options.factsCache === false ? undefined : factsCachePath(io.env);
  const factsCache = factsPath === undefined ? undefined : lazyFactsCache(factsPath);
  const facts = factsCache === undefined || factsPath === undefined ? {} : { factsCache, factsPath };
  try {
    for (const one of targets) {
      try {
        reports.push(...(await scanReports(one, options, io, config, baseline, facts)));
      } catch (error) {
        // With several targets the error says which one failed.
        if (targets.length > 1 && error instanceof AssayError)
          throw new AssayError(error.code, `${one}: ${error.message}`, { cause: error });
        throw error;
      }
    }
  } finally {
    factsCache?.close();
  }
  await loadRenderer(options.format);
  const text =
    reports.length === 1 && reports[0]
      ? renderReport(reports[0], options, io)
      : renderMany(reports, options, io, targets.length === 1);
  if (options.output === undefined) io.stdout(text);
  else writeReport(options.output, text, io.stdout);
  return Math.max(...reports.map((report) => exitCodeForReport(report, options.failOn)));
}

/** One target's reports (one, or one per file with `--artifact all`), judged by assay.toml and the baseline. */
async function scanReports(
  target: string,
  options: ScanCommandOptions,
  io: CliIo,
  config: AssayConfig,
  baseline: ReturnType<typeof readBaseline> | undefined,
  facts: Pick<ScanOptions, 'factsCache'> & { readonly factsPath?: string } = {},
): Promise<Report[]> {
  const offline = offlineRequested(options.offline === true ? true : undefined, io.env);
  const classified = await classifyTarget(target);
  prepareAnalysis(classified, options.ecosystem, facts.factsPath);
  const scans = await scanTarget(classified, {
    ...(facts.factsCache === undefined ? {} : { factsCache: facts.factsCache }),
    limits: limitsFrom(options),
    // Offline by default: a local file or project is judged from its own contents and the shipped data sets.
    // The registry is asked only when the user already named one (npm:…, pypi:…, a purl), asked for --deep, or
    // asked for --registry-checks.
    network:
      !offline && (options.registryChecks ?? (classified.kind === 'registry' || options.deep === true)),
    ...(offline ? { offline: true } : {}),
    ...(options.deep ? { deep: true } : {}),
    ...(options.ecosystem ? { ecosystem: options.ecosystem } : {}),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    ...(options.maxAnalysisBytes === undefined
      ? {}
      : { work: { scanSourceBytes: options.maxAnalysisBytes } }),
    // The enrich stage reads the vulnerability database and the community index from here, inside the scan and
    // before the policies, so known vulnerabilities count in the verdict.
    localData: { db: options.db, env: io.env },
    fetch: {
      artifact: options.artifact,
      env: io.env,
      ...(options.offline ? { offline: true } : {}),
      ...(options.indexUrl ? { pypiIndexUrl: options.indexUrl } : {}),
      ...(options.registry ? { npmRegistry: options.registry } : {}),
    },
  });
  return scans.map(({ result }) => {
    const report = buildReport(result, {
      toolVersion: ASSAY_VERSION,
      behaviors: defaultCatalog.behaviors,
      policies: defaultCatalog.policies,
    });
    // assay.toml (levels, suppressions) and the baseline apply where the verdict is computed, before rendering.
    const applies = config !== DEFAULT_CONFIG || baseline !== undefined;
    return applies
      ? judgeReport(report, { config, now: new Date(), ...(baseline === undefined ? {} : { baseline }) })
      : report;
  });
}

/**
 * Several reports as one output: several targets, or `--artifact all` (one report per file of a release, and,
 * then only, what differs between them).
 */
function renderMany(
  reports: readonly Report[],
  options: ScanCommandOptions,
  io: CliIo,
  artifactsOfOneRelease: boolean,
): string {
  const differences = artifactsOfOneRelease ? artifactDifferences(reports) : undefined;
  if (options.format === 'json') {
    return `${JSON.stringify({ schemaVersion: reports[0]?.schemaVersion, reports, ...(differences === undefined ? {} : { differences }) }, null, 2)}\n`;
  }
  if (options.format !== 'text') return renderManyAs(options.format, reports, renderOptions(options, io));
  const parts = reports.map((report) => renderReport(report, options, io));
  if (differences === undefined) return parts.join(`\n${'─'.repeat(80)}\n\n`);
  const lines = ['Differences between the artifacts'];
  if (differences.length === 0) lines.push('  The artifacts show the same behaviors and issues.');
  for (const difference of differences) {
    lines.push(`  ${difference.id} (${difference.kind}): only in ${difference.onlyIn.join(', ')}`);
  }
  return `${parts.join(`\n${'─'.repeat(80)}\n\n`)}\n${lines.join('\n')}\n`;
}

export function artifactDifferences(
  reports: readonly Report[],
): { id: string; kind: 'behavior' | 'issue'; onlyIn: string[] }[] {
  const out: { id: string; kind: 'behavior' | 'issue'; onlyIn: string[] }[] = [];
  for (const kind of ['behavior', 'issue'] as const) {
    const sets = reports.map(
      (report) => new Set((kind === 'behavior' ? report.behaviors : report.issues).map((item) => item.id)),
    );
    const all = new Set(sets.flatMap((set) => [...set]));
    for (const id of [...all].sort()) {
      const onlyIn = reports
        .filter((_, index) => sets[index]?.has(id))
        .map((report) => report.target.artifact.file);
      if (onlyIn.length < reports.length) out.push({ id, kind, onlyIn });
    }
  }
  return out;
}
