/**
 * Test helpers for the queue: a local npm registry of generated packages whose tarballs answer slowly (so a
 * worker can be killed in the middle of a job), and `assay community worker` as a child process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeNpmTarball } from '../../index/testing/archives.ts';

export interface SlowRegistry {
  readonly url: string;
  readonly names: readonly string[];
  /** Tarball requests answered so far, and those still being answered. */
  readonly started: () => number;
  /** Resolves when the next tarball request arrives. */
  nextTarballRequest(): Promise<void>;
  close(): Promise<void>;
}

export async function startSlowRegistry(
  count: number,
  delayMs: number,
  prefix = 'qt-pkg',
): Promise<SlowRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'assay-slow-registry-'));
  const tarballs = new Map<string, Buffer>();
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${prefix}-${i}`;
    names.push(name);
    tarballs.set(name, readFileSync(writeNpmTarball(dir, name, '1.0.0', i % 2 === 0)));
  }
  let started = 0;
  let waiters: (() => void)[] = [];
  let base = '';
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/');
    const tarball = /^\/([^/]+)\/-\/[^/]+\.tgz$/.exec(path);
    if (tarball?.[1] !== undefined && tarballs.has(tarball[1])) {
      started++;
      const wake = waiters;
      waiters = [];
      for (const w of wake) w();
      const body = tarballs.get(tarball[1]) as Buffer;
      setTimeout(() => {
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        response.end(body);
      }, delayMs);
      return;
    }
    const name = path.slice(1);
    const body = tarballs.get(name);
    if (body === undefined) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end('{"error":"Not found"}');
      return;
    }
    const packument = {
      name,
      'dist-tags': { latest: '1.0.0' },
      versions: {
        '1.0.0': {
          name,
          version: '1.0.0',
          dist: {
            integrity: `sha512-${createHash('sha512').update(body).digest('base64')}`,
            shasum: createHash('sha1').update(body).digest('hex'),
            tarball: `${base}/${name}/-/${name}-1.0.0.tgz`,
          },
        },
      },
      time: { '1.0.0': '2026-01-01T00:00:00.000Z' },
    };
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(packument));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  return {
    url: base,
    names,
    started: () => started,
    nextTarballRequest: () => new Promise((resolve) => waiters.push(resolve)),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');

export interface WorkerProcess {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

/**
 * `assay community worker` in a child process with its own empty cache directory, run from the sources (a
 * bundle in dist/ may be older than the code under test).
 */
export function spawnWorker(
  db: string,
  registry: string,
  cacheDir: string,
  extra: readonly string[] = [],
): WorkerProcess {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `import { main } from ${JSON.stringify(join(ROOT, 'src', 'cli', 'main.ts'))}; process.exitCode = await main(process.argv.slice(1));`,
      'community',
      'worker',
      '--db',
      db,
      '--registry',
      registry,
      '--workers',
      '0',
      '--supervise',
      '1',
      ...extra,
    ],
    {
      env: { ...process.env, ASSAY_CACHE_DIR: cacheDir, ASSAY_DB: '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}
