import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { findConfig, parseSuppressions, SUPPRESSIONS_FILE } from '../../config/load.ts';
import {
  parseReportForSuppression,
  suppressionsFor,
  suppressionsToml,
} from '../../config/write-suppression.ts';
import { AssayError } from '../../core/errors.ts';
import { defaultCatalog } from '../../scan/scan.ts';
import { EXIT } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { writeFileAtomic } from '../output.ts';

interface SuppressOptions {
  readonly issue: string;
  readonly reason: string;
  readonly expires: string;
  readonly by?: string;
  readonly to?: string;
}

export function registerSuppress(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('suppress')
    .description(
      'accept an issue of a JSON report: write a suppression entry with a reason and an expiry date',
    )
    .argument('<report>', 'a report written by assay scan -f json')
    .requiredOption('--issue <id>', 'the issue id to accept (one entry per component or file it names)')
    .requiredOption('--reason <text>', 'why the finding is acceptable (kept in the audit trail)')
    .requiredOption('--expires <YYYY-MM-DD>', 'the last day the entry suppresses')
    .option('--by <who>', 'who accepts it (default: ASSAY_USER, GIT_AUTHOR_EMAIL or USER)')
    .option('--to <file>', `the file to append to (default: ${SUPPRESSIONS_FILE} beside assay.toml, or here)`)
    .action((report: string, options: SuppressOptions) => {
      setExit(runSuppress(report, options, io));
    });
}

export function runSuppress(reportFile: string, options: SuppressOptions, io: CliIo): number {
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(options.expires) ||
    Number.isNaN(Date.parse(`${options.expires}T00:00:00Z`))
  ) {
    throw new AssayError(
      'E_USAGE',
      `--expires: expected a date such as 2027-01-31, got '${options.expires}'`,
    );
  }
  if (options.reason.trim() === '') throw new AssayError('E_USAGE', '--reason must not be empty');
  const by = options.by ?? io.env['ASSAY_USER'] ?? io.env['GIT_AUTHOR_EMAIL'] ?? io.env['USER'];
  if (by === undefined || by.trim() === '')
    throw new AssayError('E_USAGE', '--by is needed: no user name is set');
  const path = resolve(io.cwd, reportFile);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new AssayError('E_NOT_FOUND', `cannot read ${reportFile}`, { cause: error });
  }
  const report = parseReportForSuppression(text, reportFile);
  const entries = suppressionsFor(report, options.issue, {
    reason: options.reason,
    expires: options.expires,
    by,
  });
  const config = findConfig(io.cwd);
  const target = options.to
    ? resolve(io.cwd, options.to)
    : join(config === undefined ? io.cwd : dirname(config), SUPPRESSIONS_FILE);
  const before = existsSync(target) ? readFileSync(target, 'utf8') : '';
  const addition = `${before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n'}${suppressionsToml(entries)}`;
  const next = `${before}${addition}`;
  // Checked before it is written: a file the scan could not load would be worse than no entry at all.
  parseSuppressions(next, target, new Set(defaultCatalog.policies.map((policy) => policy.id)));
  writeFileAtomic(target, next);
  io.stdout(
    `Wrote ${entries.length} suppression ${entries.length === 1 ? 'entry' : 'entries'} for ${options.issue} to ${target}\n`,
  );
  return EXIT.ok;
}
