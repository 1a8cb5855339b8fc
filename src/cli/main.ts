import './zod-jitless.ts';
import { Command, CommanderError } from 'commander';
import { describeError } from '../core/errors.ts';
import { ASSAY_VERSION } from '../core/version.ts';
import { registerCatalog } from './commands/catalog.ts';
import { registerCommunity } from './commands/community.ts';
import { registerDb } from './commands/db.ts';
import { registerDiff } from './commands/diff.ts';
import { registerProxy } from './commands/proxy.ts';
import { registerScan } from './commands/scan.ts';
import { registerServe } from './commands/serve.ts';
import { registerSuppress } from './commands/suppress.ts';
import { formatCommanderError, formatError } from './errors.ts';
import { EXIT, exitCodeForError } from './exit-codes.ts';
import { type CliIo, processIo } from './io.ts';

export function createProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command('assay')
    .description(
      'Supply-chain security analyzer: behaviors, issues and vulnerabilities of open-source packages.',
    )
    .version(ASSAY_VERSION, '-V, --version')
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (text, write) => write(formatCommanderError(text)),
    });
  registerScan(program, io, setExit);
  registerDiff(program, io, setExit);
  registerCatalog(program, io, setExit);
  registerDb(program, io, setExit);
  registerCommunity(program, io, setExit);
  registerServe(program, io, setExit);
  registerProxy(program, io, setExit);
  registerSuppress(program, io, setExit);
  program.addHelpText(
    'after',
    `
Exit codes:
  0  scan complete, verdict below --fail-on
  1  scan complete, verdict at or above --fail-on (default: fail)
  2  bad command line or configuration
  3  the tool could not scan (missing file, corrupt archive, network, database …)
  4  internal error
  5  scan complete but a safety limit stopped part of it (report is incomplete);
     db import / update: some records could not be read and were skipped

Errors: one line on standard error, \`assay: error E_CODE: message\` (codes in README.md).`,
  );
  const configure = (command: Command) => {
    command.exitOverride().configureOutput(program.configureOutput());
    for (const sub of command.commands) configure(sub);
  };
  for (const command of program.commands) configure(command);
  return program;
}

/** The whole CLI as a function: arguments in, exit code out. Nothing below calls process.exit. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = EXIT.ok;
  const program = createProgram(io, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        return EXIT.ok;
      }
      return EXIT.usage;
    }
    const { code, message } = describeError(error);
    io.stderr(formatError(code, message));
    return exitCodeForError(code);
  }
}
