/**
 * What a command may touch of the outside world. Commands never call process.exit or console.*:
 * they write through this and return an exit code, so they can be tested in-process.
 */
import { AssayError } from '../core/errors.ts';
import { writeAllSync } from './output.ts';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stderr is a terminal: progress bars and colour only then. */
  readonly stderrIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export function processIo(): CliIo {
  return {
    // Written synchronously to the descriptor so that a full disk or a closed pipe is an E_OUTPUT error
    // with one line on stderr, not an unhandled stream error with a stack trace.
    stdout: (text) => {
      try {
        writeAllSync(1, text);
      } catch (error) {
        throw new AssayError(
          'E_OUTPUT',
          `cannot write the standard output: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
          { cause: error },
        );
      }
    },
    stderr: (text) => process.stderr.write(text),
    stderrIsTTY: process.stderr.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    env: process.env,
    cwd: process.cwd(),
  };
}

/** An io that records everything, for tests. */
export function memoryIo(
  env: Record<string, string | undefined> = {},
  cwd = process.cwd(),
): CliIo & {
  readonly out: string[];
  readonly err: string[];
} {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    stderrIsTTY: false,
    stdoutIsTTY: false,
    env,
    cwd,
  };
}
