import type { Command } from 'commander';
import { createApp } from '../../server/app.ts';
import { openDeps } from '../../server/open.ts';
import { listen } from '../../server/start.ts';
import { offlineRequested } from '../../sources/fetch.ts';
import { EXIT } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { positiveInteger } from '../options.ts';
import { waitForSignal } from '../signals.ts';

export interface ServeCommandOptions {
  readonly db?: string;
  readonly host: string;
  readonly port: number;
  readonly scans: boolean;
  readonly offline?: boolean;
}

export function registerServe(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
  /** Resolves when the server should stop (SIGINT / SIGTERM by default; tests pass their own). */
  stopSignal: () => Promise<void> = waitForSignal,
): void {
  program
    .command('serve')
    .description(
      'serve the community index as web pages and a JSON API (/api/v1, described by /api/v1/openapi.json)',
    )
    .option(
      '--db <path|url>',
      'community index: a SQLite file or a postgres:// URL (also ASSAY_DB; default ~/.cache/assay/assay.db)',
    )
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on', positiveInteger, 8080)
    .option('--no-scans', 'do not scan packages on request')
    .option('--offline', 'scans use only the local cache (also ASSAY_OFFLINE=1)')
    .action(async (options: ServeCommandOptions) => {
      setExit(await runServe(options, io, stopSignal));
    });
}

export async function runServe(
  options: ServeCommandOptions,
  io: CliIo,
  stopSignal: () => Promise<void>,
): Promise<number> {
  const offline = offlineRequested(options.offline === true ? true : undefined, io.env);
  const deps = await openDeps({
    env: io.env,
    scans: options.scans,
    offline,
    log: (line) => io.stderr(`${line}\n`),
    ...(options.db === undefined ? {} : { db: options.db }),
  });
  const server = await listen(createApp(deps), options.host, options.port);
  io.stderr(`assay serve: ${server.url} (index ${deps.location}${options.scans ? '' : ', scans off'})\n`);
  try {
    await stopSignal();
  } finally {
    await server.close();
    await deps.runner?.close();
    await deps.index.close();
  }
  return EXIT.ok;
}
