import type { Command } from 'commander';
import { Option } from 'commander';
import type { UnpackLimits } from '../../artifacts/types.ts';
import { VERDICT_ORDER, type VerdictLevel } from '../../catalog/engine.ts';
import { prevalenceLookup } from '../../community/index/lookup.ts';
import { ASSAY_VERSION } from '../../core/version.ts';
import { buildReport } from '../../report/build.ts';
import type { Report } from '../../report/model.ts';
import { renderJson } from '../../report/render-json.ts';
import { renderText } from '../../report/render-text.ts';
import { defaultCatalog } from '../../scan/scan.ts';
import { scanTarget } from '../../scan/target.ts';
import { databaseVulnerabilitySource, reportVulnerabilities } from '../../scan/vulnerabilities.ts';
import { parseTarget } from '../../sources/target.ts';
import type { ArtifactChoice } from '../../sources/types.ts';
import { EXIT } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { byteSize, oneOf, positiveInteger } from '../options.ts';
import { writeReport } from '../output.ts';
import { prepareAnalysis } from '../prepare-analysis.ts';

export type OutputFormat = 'text' | 'json';
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
  readonly artifact: ArtifactChoice;
  readonly offline?: boolean;
  readonly indexUrl?: string;
  readonly registry?: string;
  readonly db?: string;
  /** Project scans: also fetch and analyze each component's code. */
  readonly deep?: boolean;
  /** `--no-registry-checks` sets this to false: the hunting checks use only the shipped snapshots. */
  readonly registryChecks?: boolean;
}

export function registerScan(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('scan')
    .description(
      'scan a package (archive, directory or file) or a project (manifest, lockfile, or a directory with a lockfile)',
    )
    .argument(
      '<target>',
      'a package archive or directory, npm:NAME[@VERSION], pypi:NAME[==VERSION], or a purl (pkg:npm/…, pkg:pypi/…)',
    )
    .addOption(new Option('-f, --format <format>', 'report format').choices(['text', 'json']).default('text'))
    .option(
      '-o, --output <file>',
      'write the report to a file (whole or not at all; a device or FIFO is written directly, a symlink refused, - is standard output)',
    )
    .addOption(
      new Option('--fail-on <level>', 'exit 1 when the verdict is at or above this level')
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
      'ask the registry about every component (removal, publish dates, repository); default only for npm:/pypi: targets and --deep',
    )
    .option('--no-registry-checks', 'never ask the registry about components; use the shipped snapshots only')
    .action(async (target: string, options: ScanCommandOptions) => {
      setExit(await runScan(target, options, io));
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
  if (failOn !== 'never' && VERDICT_ORDER.indexOf(report.verdict.level) >= VERDICT_ORDER.indexOf(failOn)) {
    return EXIT.findings;
  }
  // Any part left unread (a limit, a work budget, a failed detector) is exit 5, never a silent 0.
  if (!report.completeness.complete) return EXIT.incomplete;
  return EXIT.ok;
}

export function renderReport(report: Report, options: ScanCommandOptions, io: CliIo): string {
  if (options.format === 'json') return renderJson(report);
  const color =
    options.output === undefined &&
    io.stdoutIsTTY &&
    options.color !== false &&
    io.env['NO_COLOR'] === undefined;
  return renderText(report, { color, maxEvidence: options.maxEvidence, width: 100 });
}

export async function runScan(target: string, options: ScanCommandOptions, io: CliIo): Promise<number> {
  const offline = options.offline === true || /^(1|true|yes)$/i.test(io.env['ASSAY_OFFLINE']?.trim() ?? '');
  await prepareAnalysis(target, options.ecosystem);
  const scans = await scanTarget(target, {
    limits: limitsFrom(options),
    // Offline by default: a local file or project is judged from its own contents and the shipped data sets.
    // The registry is asked only when the user already named one (npm:…, pypi:…, a purl), asked for --deep, or
    // asked for --registry-checks.
    network:
      !offline &&
      (options.registryChecks ?? (parseTarget(target).kind === 'registry' || options.deep === true)),
    ...(offline ? { offline: true } : {}),
    ...(options.deep ? { deep: true } : {}),
    ...(options.ecosystem ? { ecosystem: options.ecosystem } : {}),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    // Looked up inside the scan, before the policies, so known vulnerabilities count in the verdict.
    vulnerabilities: databaseVulnerabilitySource({ db: options.db, env: io.env }),
    fetch: {
      artifact: options.artifact,
      env: io.env,
      ...(options.offline ? { offline: true } : {}),
      ...(options.indexUrl ? { pypiIndexUrl: options.indexUrl } : {}),
      ...(options.registry ? { npmRegistry: options.registry } : {}),
    },
  });
  const reports = scans.map(({ result, project }) => {
    // Community prevalence: the user's index when it has this ecosystem, else the shipped snapshot.
    const prevalence = prevalenceLookup(result.snapshot.ecosystem, {
      env: io.env,
      ...(options.db ? { db: options.db } : {}),
    });
    return buildReport(result, {
      toolVersion: ASSAY_VERSION,
      behaviors: defaultCatalog.behaviors,
      policies: defaultCatalog.policies,
      vulnerabilities: reportVulnerabilities(result.vulnerabilities, result.snapshot.ecosystem),
      vulnerabilityDatabase: result.vulnerabilities?.database ?? null,
      ...(project === undefined ? {} : { project }),
      prevalenceIndex: prevalence.index,
      prevalenceOf: prevalence.prevalenceOf,
    });
  });
  const text =
    reports.length === 1 && reports[0]
      ? renderReport(reports[0], options, io)
      : renderMany(reports, options, io);
  if (options.output === undefined) io.stdout(text);
  else writeReport(options.output, text, io.stdout);
  return Math.max(...reports.map((report) => exitCodeForReport(report, options.failOn)));
}

/** `--artifact all`: one report per file, and what differs between them. */
function renderMany(reports: readonly Report[], options: ScanCommandOptions, io: CliIo): string {
  const differences = artifactDifferences(reports);
  if (options.format === 'json') {
    return `${JSON.stringify({ schemaVersion: reports[0]?.schemaVersion, reports, differences }, null, 2)}\n`;
  }
  const parts = reports.map((report) => renderReport(report, options, io));
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
