import type { Command } from 'commander';
import { Option } from 'commander';
import { VERDICT_ORDER } from '../../catalog/engine.ts';
import { judgeReport } from '../../config/judge.ts';
import { resolveConfig } from '../../config/load.ts';
import { DEFAULT_CONFIG } from '../../config/types.ts';
import { AssayError } from '../../core/errors.ts';
import { ASSAY_VERSION } from '../../core/version.ts';
import type { PackageDiff } from '../../diff/model.ts';
import { DIFF_FORMATS, type DiffFormat, renderDiff } from '../../diff/render.ts';
import { diffTargets, previousTarget } from '../../diff/run.ts';
import { npmProvenance } from '../../provenance/npm.ts';
import { classifyTarget } from '../../scan/classify.ts';
import { defaultCatalog } from '../../scan/scan.ts';
import { EXIT } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { oneOf, positiveInteger } from '../options.ts';
import { writeReport } from '../output.ts';
import type { FailOn } from './scan.ts';

export interface DiffCommandOptions {
  readonly format: DiffFormat;
  readonly output?: string;
  readonly failOn: FailOn;
  readonly previous?: boolean;
  readonly maxEvidence: number;
  readonly maxFiles: number;
  readonly offline?: boolean;
  readonly indexUrl?: string;
  readonly registry?: string;
  readonly db?: string;
  readonly registryChecks?: boolean;
  readonly config?: string;
}

export function registerDiff(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('diff')
    .description(
      'what changed between two versions of a package: files, behaviors, issues, dependencies, install scripts, entry points, maintainers',
    )
    .argument(
      '<old>',
      'the old version: an archive, a directory, npm:NAME@VERSION, pypi:NAME==VERSION or a purl',
    )
    .argument('[new]', 'the new version (with --previous, give only the new one)')
    .option('--previous', 'compare the given registry version with the release before it')
    .addOption(new Option('-f, --format <format>', 'output format').choices(DIFF_FORMATS).default('text'))
    .option('-o, --output <file>', 'write the diff to a file (- is standard output)')
    .addOption(
      new Option(
        '--fail-on <level>',
        'exit 1 when what is NEW (issues that appeared, diff findings) is at or above this level',
      )
        .argParser(oneOf<FailOn>(['warning', 'fail', 'never']))
        .default('fail'),
    )
    .option('--max-evidence <n>', 'evidence lines per finding', positiveInteger, 3)
    .option('--max-files <n>', 'changed files listed in text and markdown', positiveInteger, 40)
    .option('--offline', 'use only the local cache and shipped data (also ASSAY_OFFLINE=1)')
    .option('--index-url <url>', 'PyPI simple index (also ASSAY_PYPI_INDEX_URL, PIP_INDEX_URL)')
    .option('--registry <url>', 'npm registry (also ASSAY_NPM_REGISTRY)')
    .option('--db <path>', 'assay database with vulnerabilities and the community index (also ASSAY_DB)')
    .option(
      '--no-registry-checks',
      'never ask the registry about components (young or unpopular dependencies go unchecked)',
    )
    .option('--config <path>', 'assay.toml to use (levels and suppressions apply to both sides)')
    .action(async (oldInput: string, newInput: string | undefined, options: DiffCommandOptions) => {
      setExit(await runDiff(oldInput, newInput, options, io));
    });
}

export async function runDiff(
  oldInput: string,
  newInput: string | undefined,
  options: DiffCommandOptions,
  io: CliIo,
): Promise<number> {
  const config = resolveConfig(options.config, io.cwd, new Set(defaultCatalog.policies.map((p) => p.id)));
  const offline = options.offline === true || /^(1|true|yes)$/i.test(io.env['ASSAY_OFFLINE']?.trim() ?? '');
  const fetch = {
    env: io.env,
    ...(offline ? { offline: true } : {}),
    ...(options.indexUrl ? { pypiIndexUrl: options.indexUrl } : {}),
    ...(options.registry ? { npmRegistry: options.registry } : {}),
  };
  let targets: {
    old: string | Awaited<ReturnType<typeof classifyTarget>>;
    new: string | Awaited<ReturnType<typeof classifyTarget>>;
  };
  if (options.previous === true) {
    if (newInput !== undefined)
      throw new AssayError('E_USAGE', '--previous takes one target, the new version');
    targets = await previousTarget(await classifyTarget(oldInput), fetch);
  } else {
    if (newInput === undefined)
      throw new AssayError('E_USAGE', 'assay diff needs two targets, or one with --previous');
    targets = { old: oldInput, new: newInput };
  }
  const registryTarget = [targets.old, targets.new].some(
    (target) => typeof target !== 'string' || /^(npm:|pypi:|pkg:)/i.test(target),
  );
  const network = !offline && (options.registryChecks ?? registryTarget);
  const diff = await diffTargets(targets.old, targets.new, {
    toolVersion: ASSAY_VERSION,
    // npm registry versions: the attestations the registry lists, verified offline against the shipped root.
    ...(network
      ? {
          provenance: (result) =>
            result.snapshot.ecosystem === 'npm' && result.snapshot.registryManifest !== undefined
              ? npmProvenance(result.snapshot.registryManifest)
              : Promise.resolve(undefined),
        }
      : {}),
    scan: {
      network,
      ...(offline ? { offline: true } : {}),
      localData: { db: options.db, env: io.env },
      fetch,
    },
    ...(config === DEFAULT_CONFIG
      ? {}
      : { judge: (report) => judgeReport(report, { config, now: new Date() }) }),
  });
  const text = renderDiff(options.format, diff, {
    maxEvidence: options.maxEvidence,
    maxFiles: options.maxFiles,
  });
  if (options.output === undefined || options.output === '-') io.stdout(text);
  else writeReport(options.output, text, io.stdout);
  return exitCodeForDiff(diff, options.failOn);
}

/** Only what is new counts: an issue both versions share was accepted when the old one was. */
export function exitCodeForDiff(diff: PackageDiff, failOn: FailOn): number {
  if (failOn !== 'never' && VERDICT_ORDER.indexOf(diff.verdict.level) >= VERDICT_ORDER.indexOf(failOn)) {
    return EXIT.findings;
  }
  return EXIT.ok;
}
