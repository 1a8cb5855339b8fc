import './zod-jitless.ts';
import { Command, CommanderError } from 'commander';
import { describeError } from '../core/errors.ts';
import { ASSAY_VERSION } from '../core/version.ts';
import { formatCommanderError, formatError } from './errors.ts';
import { EXIT, exitCodeForError } from './exit-codes.ts';
import { type CliIo, processIo } from './io.ts';

type Register = (program: Command, io: CliIo, setExit: (code: number) => void) => void;

/**
 * The commands, in help order, each loaded on demand: `assay scan` never loads (nor initialises) the server,
 * the proxy, the queue or PostgreSQL's client, which the bundle would otherwise set up on every start.
 */
const COMMANDS: readonly (readonly [name: string, load: () => Promise<Register>])[] = [
  ['scan', async () => (await import('./commands/scan.ts')).registerScan],
  ['diff', async () => (await import('./commands/diff.ts')).registerDiff],
  ['catalog', async () => (await import('./commands/catalog.ts')).registerCatalog],
  ['db', async () => (await import('./commands/db.ts')).registerDb],
  ['community', async () => (await import('./commands/community.ts')).registerCommunity],
  ['serve', async () => (await import('./commands/serve.ts')).registerServe],
  ['proxy', async () => (await import('./commands/proxy.ts')).registerProxy],
  ['suppress', async () => (await import('./commands/suppress.ts')).registerSuppress],
];

/**
 * The program with the command `argv` names, or with every command when the first argument names none
 * (`--help`, a typo that deserves suggestions, no argument at all).
 */
export async function createProgram(
  io: CliIo,
  setExit: (code: number) => void,
  argv: readonly string[] = [],
): Promise<Command> {
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
  const named = COMMANDS.filter(([name]) => name === argv[0]);
  for (const [, load] of named.length > 0 ? named : COMMANDS) (await load())(program, io, setExit);
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
  const program = await createProgram(
    io,
    (code) => {
      exitCode = code;
    },
    argv,
  );
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
