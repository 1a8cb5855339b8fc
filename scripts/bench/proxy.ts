/**
 * `npm run bench -- proxy`: what the proxy adds to one tarball download, on loopback against a local upstream
 * (src/proxy/testing/upstream.ts), so the figures are the proxy's own work, not the internet's.
 * - direct: the tarball straight from the upstream (the floor);
 * - uncached: first request of an artifact through the proxy: download, digest check, full scan, decision;
 * - cached: the same artifact again: bytes from the proxy's cache, decision by sha256, no scan.
 * Each run asks for a different synthetic package (its own bytes), so every "uncached" sample really scans.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../../src/config/types.ts';
import { configAnalyzer, Gate } from '../../src/proxy/gate.ts';
import { proxyConfig, upstreamDocuments } from '../../src/proxy/provenance.ts';
import { startProxy } from '../../src/proxy/server.ts';
import { startUpstream, type UpstreamPackage } from '../../src/proxy/testing/upstream.ts';
import { Cache } from '../../src/sources/cache.ts';
import { median } from './stats.ts';

const RUNS = 15;

/** A package of `files` modules of ordinary-looking code (~2.5 KB each), different per index. */
function syntheticPackage(index: number, files: number): UpstreamPackage {
  const name = `bench-${files}-${index}`;
  const out: Record<string, string> = {
    'package.json': JSON.stringify({ name, version: '1.0.0', main: 'index.js', license: 'MIT' }),
    'index.js': `module.exports = { ${Array.from({ length: files }, (_, i) => `m${i}: require('./lib/m${i}.js')`).join(', ')} };\n`,
  };
  for (let i = 0; i < files; i++) {
    const lines = [`'use strict';`, `const id = ${index * 1000 + i};`];
    for (let j = 0; j < 40; j++) {
      lines.push(`function step${j}(value) { return value.map((x) => x * ${j + 1} + id).filter(Boolean); }`);
    }
    lines.push(`module.exports = { ${Array.from({ length: 40 }, (_, j) => `step${j}`).join(', ')} };`);
    out[`lib/m${i}.js`] = `${lines.join('\n')}\n`;
  }
  return { name, version: '1.0.0', publishedAt: '2024-01-15T10:00:00.000Z', files: out };
}

async function timed(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  return performance.now() - started;
}

const ms = (values: readonly number[]) => `${median(values).toFixed(1)} ms`;
const p90 = (values: readonly number[]) =>
  `${([...values].sort((a, b) => a - b)[Math.floor(values.length * 0.9)] ?? 0).toFixed(1)} ms`;

export async function benchProxy(machine: string): Promise<string> {
  const sizes = [1, 40];
  const packages = sizes.flatMap((files) =>
    Array.from({ length: RUNS }, (_, i) => syntheticPackage(i, files)),
  );
  const upstream = await startUpstream(new Date(), packages);
  const dir = mkdtempSync(join(tmpdir(), 'assay-bench-proxy-'));
  const config = proxyConfig(DEFAULT_CONFIG);
  const proxy = await startProxy({
    npmUpstream: `${upstream.url}/npm`,
    pypiUpstream: `${upstream.url}/simple`,
    minAgeMs: 0,
    // Judged as `assay proxy` judges (src/cli/commands/proxy.ts): the provenance levels and the upstream fetcher.
    gate: new Gate({
      analyzer: configAnalyzer(config),
      config,
      dir: join(dir, 'decisions'),
      documents: upstreamDocuments([`${upstream.url}/npm`, `${upstream.url}/simple`]),
    }),
    cache: new Cache({ dir: join(dir, 'cache') }),
    log: () => undefined,
  });
  const rows: string[] = [
    '| package | direct (median) | through the proxy, uncached (median / p90) | cached (median / p90) |',
    '|---|---|---|---|',
  ];
  try {
    // Warm-up: the analyzer's grammar loads on the first scan; that is start-up, not per-tarball cost.
    await timed(`${proxy.url}/npm/clean-pkg`);
    await timed(`${proxy.url}/npm/clean-pkg/-/clean-pkg-1.0.0.tgz`);
    for (const files of sizes) {
      const direct: number[] = [];
      const uncached: number[] = [];
      const cached: number[] = [];
      let bytes = 0;
      for (let i = 0; i < RUNS; i++) {
        const name = `bench-${files}-${i}`;
        const file = `${name}-1.0.0.tgz`;
        await timed(`${proxy.url}/npm/${name}`);
        direct.push(await timed(`${upstream.url}/npm/${name}/-/${file}`));
        uncached.push(await timed(`${proxy.url}/npm/${name}/-/${file}`));
        cached.push(await timed(`${proxy.url}/npm/${name}/-/${file}`));
        bytes = Buffer.byteLength(JSON.stringify(packages.find((p) => p.name === name)?.files ?? {}));
      }
      rows.push(
        `| ${files + 2} files, ${(bytes / 1024).toFixed(0)} KB unpacked | ${ms(direct)} | ${ms(uncached)} / ${p90(uncached)} | ${ms(cached)} / ${p90(cached)} |`,
      );
    }
  } finally {
    await proxy.close();
    await upstream.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return [
    machine,
    '',
    `${RUNS} tarballs per row, each a different synthetic npm package (written by the bench), served by a local`,
    'upstream on 127.0.0.1; the proxy in the same process with its decision store and byte cache on disk.',
    '',
    ...rows,
  ].join('\n');
}
