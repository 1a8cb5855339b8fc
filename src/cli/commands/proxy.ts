import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { Option } from 'commander';
import { resolveConfig } from '../../config/load.ts';
import { configAnalyzer, Gate } from '../../proxy/gate.ts';
import { proxyConfig, upstreamDocuments } from '../../proxy/provenance.ts';
import { type DecisionLogEntry, startProxy } from '../../proxy/server.ts';
import { defaultCatalog } from '../../scan/scan.ts';
import { Cache, defaultCacheDir } from '../../sources/cache.ts';
import { DEFAULT_NPM_REGISTRY } from '../../sources/npm.ts';
import { DEFAULT_PYPI_INDEX, deriveJsonApiUrl } from '../../sources/pypi.ts';
import { EXIT } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';
import { oneOf, positiveInteger } from '../options.ts';
import { waitForSignal } from '../signals.ts';

export interface ProxyCommandOptions {
  readonly host: string;
  readonly port: number;
  readonly npmUpstream?: string;
  readonly pypiUpstream?: string;
  readonly pypiJsonUpstream?: string;
  readonly minAge: number;
  readonly blockOn: 'fail' | 'warning';
  readonly log?: string;
  readonly db?: string;
  readonly config?: string;
}

function nonNegativeHours(value: string): number {
  const hours = Number(value);
  if (!Number.isFinite(hours) || hours < 0) throw new Error(`not a number of hours: ${value}`);
  return hours;
}

export function registerProxy(
  program: Command,
  io: CliIo,
  setExit: (code: number) => void,
  stopSignal: () => Promise<void> = waitForSignal,
): void {
  program
    .command('proxy')
    .description(
      'a registry proxy for npm and pip: scans every artifact before handing it out, refuses what fails (HTTP 403 with the reason), hides too-young versions',
    )
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on', positiveInteger, 8081)
    .option(
      '--npm-upstream <url>',
      `npm registry to forward to (default ${DEFAULT_NPM_REGISTRY}, or ASSAY_NPM_REGISTRY)`,
    )
    .option(
      '--pypi-upstream <url>',
      `PyPI simple index to forward to (default ${DEFAULT_PYPI_INDEX}, or ASSAY_PYPI_INDEX_URL)`,
    )
    .option(
      '--pypi-json-upstream <url>',
      'PyPI JSON API to forward /pypi/pypi/<name>/json to (default: next to the index)',
    )
    .option(
      '--min-age <hours>',
      'hide versions published less than this many hours ago (0: off)',
      nonNegativeHours,
      0,
    )
    .addOption(
      new Option('--block-on <level>', 'refuse artifacts whose verdict is at or above this level')
        .argParser(oneOf<'fail' | 'warning'>(['fail', 'warning']))
        .default('fail'),
    )
    .option(
      '--log <file>',
      'append the decision log (one JSON object per line) to this file instead of standard error',
    )
    .option('--db <path>', 'assay database with vulnerabilities and the community index (also ASSAY_DB)')
    .option(
      '--config <path>',
      'the assay.toml whose profile, levels, suppressions and allow / deny lists judge each artifact (default: the nearest one from the current directory)',
    )
    .action(async (options: ProxyCommandOptions) => {
      setExit(await runProxy(options, io, stopSignal));
    });
}

export async function runProxy(
  options: ProxyCommandOptions,
  io: CliIo,
  stopSignal: () => Promise<void>,
): Promise<number> {
  // The provenance policies report without blocking unless assay.toml gives them a level (src/proxy/provenance.ts).
  const config = proxyConfig(
    resolveConfig(options.config, io.cwd, new Set(defaultCatalog.policies.map((p) => p.id))),
  );
  const cacheDir = defaultCacheDir(io.env);
  const pypiUpstream = options.pypiUpstream ?? io.env['ASSAY_PYPI_INDEX_URL'] ?? DEFAULT_PYPI_INDEX;
  const pypiJsonUpstream = options.pypiJsonUpstream ?? deriveJsonApiUrl(pypiUpstream);
  const npmUpstream = options.npmUpstream ?? io.env['ASSAY_NPM_REGISTRY'] ?? DEFAULT_NPM_REGISTRY;
  const log = (entry: DecisionLogEntry) => {
    const line = `${JSON.stringify(entry)}\n`;
    if (options.log === undefined) io.stderr(line);
    else appendFileSync(options.log, line);
  };
  const proxy = await startProxy(
    {
      npmUpstream,
      pypiUpstream,
      ...(pypiJsonUpstream === undefined ? {} : { pypiJsonUpstream }),
      minAgeMs: options.minAge * 60 * 60 * 1000,
      gate: new Gate({
        analyzer: configAnalyzer(config),
        config,
        blockAt: options.blockOn,
        dir: join(cacheDir, 'proxy', 'decisions'),
        // The registry facts checks (publish dates, removed packages) would add a registry round trip per
        // dependency to every download; the proxy judges the artifact and the shipped data sets.
        // Provenance is the exception: it is one small fetch per artifact, from the upstream that served it.
        scan: { network: false, localData: { db: options.db, env: io.env } },
        documents: upstreamDocuments([npmUpstream, pypiUpstream]),
      }),
      cache: new Cache({ dir: cacheDir }),
      log,
    },
    options.host,
    options.port,
  );
  io.stderr(
    `assay proxy: ${proxy.url} (npm: ${proxy.url}/npm/, pip: ${proxy.url}/pypi/simple/; min age ${options.minAge} h, refuses ${options.blockOn} and above${config.file === undefined ? '' : `; policy ${config.file}`})\n`,
  );
  try {
    await stopSignal();
  } finally {
    await proxy.close();
  }
  return EXIT.ok;
}
