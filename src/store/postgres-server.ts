/**
 * A throwaway PostgreSQL server for tests and benchmarks: Debian's binaries, a temporary data directory,
 * 127.0.0.1 and a free port, stopped (and its directory removed) by `stop()`. Nothing depends on a server
 * that was left running. As root the server runs as the `postgres` user (initdb refuses root).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresServer {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  /** Fast shutdown (the database stays on disk); `start()` brings it back on the same port. */
  pause(): void;
  start(): void;
  /** Stops the server and removes its directory. */
  stop(): void;
}

const BIN_ROOT = '/usr/lib/postgresql';

/** Debian installs each major version under /usr/lib/postgresql/<major>/bin; the newest wins. */
export function postgresBinDir(): string | null {
  const fromEnv = process.env['ASSAY_PG_BIN'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!existsSync(BIN_ROOT)) return null;
  const majors = readdirSync(BIN_ROOT)
    .filter((name) => existsSync(join(BIN_ROOT, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] === undefined ? null : join(BIN_ROOT, majors[0], 'bin');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function asServerUser(command: string, args: readonly string[]): void {
  const [file, argv] = isRoot()
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, [...args]];
  const result = spawnSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) {
    throw new Error(`${command} failed (${result.status}): ${result.stderr || result.stdout}`);
  }
}

/** Starts a fresh server; throws when PostgreSQL is not installed. */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (bin === null) throw new Error(`PostgreSQL is not installed (no ${BIN_ROOT}/<major>/bin/initdb)`);
  const root = mkdtempSync(join(tmpdir(), 'assay-pg-'));
  const dataDir = join(root, 'data');
  const socketDir = root;
  if (isRoot()) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
  }
  const port = await freePort();
  const log = join(root, 'server.log');
  asServerUser(join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '-E',
    'UTF8',
  ]);
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${socketDir} -c fsync=off -c max_connections=200`;
  const start = () =>
    asServerUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-l', log, '-o', options, '-w', 'start']);
  const halt = () => asServerUser(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
  start();
  let running = true;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dataDir,
    pause: () => {
      if (running) halt();
      running = false;
    },
    start: () => {
      if (!running) start();
      running = true;
    },
    stop: () => {
      try {
        if (running) halt();
      } finally {
        running = false;
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
