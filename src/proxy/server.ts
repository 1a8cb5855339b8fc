import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeError } from '../core/errors.ts';
import type { Ecosystem } from '../metadata/types.ts';
import type { Cache } from '../sources/cache.ts';
import { sha256Hex, verifyHashes } from '../sources/hash.ts';
import { normalizePypiName } from '../sources/names.ts';
import { parseSimpleProject, SIMPLE_ACCEPT } from '../sources/simple.ts';
import type { ArtifactRef, Gate } from './gate.ts';
import { type NpmTarball, proxiedTarballPath, rewritePackument } from './npm.ts';
import {
  filterProject,
  type PypiFile,
  proxiedFilePath,
  renderSimpleHtml,
  renderSimpleJson,
  rewriteJsonApi,
} from './pypi.ts';
import { fetchUpstream, UpstreamError } from './upstream.ts';

/** One line of the decision log: what was asked, what the proxy did, and why. */
export interface DecisionLogEntry {
  readonly time: string;
  readonly ecosystem: Ecosystem;
  readonly name: string;
  readonly version?: string;
  readonly file?: string;
  readonly action: 'allow' | 'block' | 'hide' | 'error';
  readonly reason: string;
  readonly sha256?: string;
  readonly verdict?: string;
  /** The decision was known (this artifact was scanned before). */
  readonly cached?: boolean;
  /** What the artifact's provenance showed, when it was checked (see Decision.provenance). */
  readonly provenance?: string;
  readonly ms?: number;
}

export interface ProxyOptions {
  /** npm registry to forward to, e.g. https://registry.npmjs.org. */
  readonly npmUpstream: string;
  /** PyPI Simple API base, e.g. https://pypi.org/simple. */
  readonly pypiUpstream: string;
  /** PyPI JSON API base, e.g. https://pypi.org/pypi; absent: /pypi/pypi/... answers 404. */
  readonly pypiJsonUpstream?: string;
  /** Versions younger than this are hidden from packuments and project pages (0: none). */
  readonly minAgeMs: number;
  readonly gate: Gate;
  readonly log: (entry: DecisionLogEntry) => void;
  /** Artifact bytes by upstream URL, so a repeat download does not go upstream again. */
  readonly cache?: Cache;
  readonly now?: () => Date;
}

/** Only these characters go into an HTTP reason phrase; package names and issue titles are not trusted. */
function reasonPhrase(text: string): string {
  return text
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 200);
}

function send(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  type: string,
  statusMessage?: string,
): void {
  res.writeHead(status, statusMessage === undefined ? undefined : reasonPhrase(statusMessage), {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
  });
  res.end(body);
}

/**
 * Refusals: npm prints the `error` field of a JSON body after the status line, pip prints the reason phrase, so
 * the one-line reason goes in both.
 */
function refuse(res: ServerResponse, ecosystem: Ecosystem, line: string): void {
  if (ecosystem === 'npm') send(res, 403, JSON.stringify({ error: line }), 'application/json', line);
  else send(res, 403, `${line}\n`, 'text/plain; charset=utf-8', line);
}

export function createProxyHandler(
  options: ProxyOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const tarballs = new Map<string, NpmTarball>();
  const hiddenNpm = new Map<string, string>();
  const pypiFiles = new Map<string, PypiFile>();
  const hiddenPypi = new Map<string, string>();
  const now = options.now ?? (() => new Date());
  const npmBase = options.npmUpstream.replace(/\/+$/, '');
  const pypiBase = options.pypiUpstream.replace(/\/+$/, '');

  const logHidden = (
    ecosystem: Ecosystem,
    name: string,
    hidden: readonly { version: string; publishedAt?: string }[],
  ) => {
    for (const entry of hidden) {
      options.log({
        time: now().toISOString(),
        ecosystem,
        name,
        version: entry.version,
        action: 'hide',
        reason: `younger than the minimum release age${entry.publishedAt === undefined ? ' (no publish date)' : ` (published ${entry.publishedAt})`}`,
      });
    }
  };

  async function packument(name: string, proxyBase: string): Promise<Record<string, unknown>> {
    const upstream = await fetchUpstream(`${npmBase}/${name.replace('/', '%2f')}`, 'application/json');
    const rewritten = rewritePackument(JSON.parse(upstream.body.toString('utf8')), {
      proxyBase,
      now: now(),
      minAgeMs: options.minAgeMs,
    });
    for (const tarball of rewritten.tarballs)
      tarballs.set(proxiedTarballPath(tarball.name, tarball.filename), tarball);
    for (const { version } of rewritten.hidden) hiddenNpm.set(`${name}@${version}`, version);
    logHidden('npm', name, rewritten.hidden);
    return rewritten.packument;
  }

  async function project(name: string, proxyBase: string): Promise<ReturnType<typeof filterProject>> {
    const pageUrl = `${pypiBase}/${normalizePypiName(name)}/`;
    const upstream = await fetchUpstream(pageUrl, SIMPLE_ACCEPT);
    const page = parseSimpleProject(upstream.body, upstream.contentType, upstream.url);
    const filtered = filterProject(name, page, { proxyBase, now: now(), minAgeMs: options.minAgeMs });
    for (const file of filtered.listed) pypiFiles.set(proxiedFilePath(file.project, file.filename), file);
    for (const { version } of filtered.hidden)
      hiddenPypi.set(`${normalizePypiName(name)}@${version}`, version);
    logHidden('pypi', normalizePypiName(name), filtered.hidden);
    return filtered;
  }

  /** Download (or take from the cache), check the published digest, let the gate decide, then serve or refuse. */
  async function artifact(
    res: ServerResponse,
    ref: ArtifactRef,
    upstreamUrl: string,
    hashes: Parameters<typeof verifyHashes>[1],
  ): Promise<void> {
    const started = performance.now();
    const cacheKey = `proxy:${upstreamUrl}`;
    let bytes = await options.cache?.getRef(cacheKey);
    if (bytes === undefined) {
      bytes = (await fetchUpstream(upstreamUrl, '*/*')).body;
      verifyHashes(bytes, hashes, `${ref.filename} from ${upstreamUrl}`);
      if (options.cache !== undefined)
        await options.cache.putRef(cacheKey, await options.cache.putBlob(bytes));
    }
    const sha256 = sha256Hex(bytes);
    const { decision, cached } = await options.gate.decide(sha256, bytes, ref);
    options.log({
      time: now().toISOString(),
      ecosystem: ref.ecosystem,
      name: ref.name,
      version: ref.version,
      file: ref.filename,
      action: decision.action,
      reason: decision.reason,
      sha256,
      verdict: decision.verdict,
      cached,
      ...(decision.provenance === undefined ? {} : { provenance: decision.provenance }),
      ms: Math.round(performance.now() - started),
    });
    if (decision.action === 'block') {
      refuse(
        res,
        ref.ecosystem,
        `assay proxy refused ${ref.name}@${ref.version}: ${decision.verdict}, ${decision.reason}`,
      );
      return;
    }
    send(res, 200, bytes, ref.ecosystem === 'npm' ? 'application/octet-stream' : 'application/octet-stream');
  }

  async function npmRoute(res: ServerResponse, path: string, proxyBase: string): Promise<void> {
    const rest = decodeURIComponent(path.slice('/npm/'.length));
    const dash = rest.indexOf('/-/');
    if (dash < 0) {
      if (rest === '' || rest.startsWith('-/'))
        return send(res, 404, '{"error":"not served by the assay proxy"}', 'application/json');
      const body = await packument(rest, proxyBase);
      return send(res, 200, JSON.stringify(body), 'application/json');
    }
    const name = rest.slice(0, dash);
    const key = proxiedTarballPath(name, rest.slice(dash + 3));
    if (!tarballs.has(key)) await packument(name, proxyBase);
    const tarball = tarballs.get(key);
    if (tarball === undefined) {
      const version = /-(\d[^/]*)\.tgz$/.exec(key)?.[1];
      if (version !== undefined && hiddenNpm.has(`${name}@${version}`)) {
        return refuse(
          res,
          'npm',
          `assay proxy refused ${name}@${version}: younger than the minimum release age`,
        );
      }
      return send(res, 404, '{"error":"no such tarball in the packument"}', 'application/json');
    }
    return artifact(
      res,
      {
        ecosystem: 'npm',
        name,
        version: tarball.version,
        filename: tarball.filename,
        registryManifest: tarball.manifest,
        ...(tarball.previous === undefined ? {} : { previous: tarball.previous }),
      },
      tarball.upstreamUrl,
      {
        ...(tarball.integrity === undefined ? {} : { integrity: tarball.integrity }),
        ...(tarball.shasum === undefined ? {} : { sha1: tarball.shasum }),
      },
    );
  }

  async function pypiRoute(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    proxyBase: string,
  ): Promise<void> {
    const simple = /^\/pypi\/simple\/([^/]+)\/?$/.exec(path);
    if (simple?.[1] !== undefined) {
      const name = decodeURIComponent(simple[1]);
      const filtered = await project(name, proxyBase);
      const accept = String(req.headers['accept'] ?? '');
      return accept.includes('application/vnd.pypi.simple.v1+json')
        ? send(res, 200, renderSimpleJson(name, filtered.files), 'application/vnd.pypi.simple.v1+json')
        : send(res, 200, renderSimpleHtml(name, filtered.files), 'text/html; charset=utf-8');
    }
    const json = /^\/pypi\/pypi\/([^/]+)(?:\/([^/]+))?\/json$/.exec(path);
    if (json?.[1] !== undefined && options.pypiJsonUpstream !== undefined) {
      const name = decodeURIComponent(json[1]);
      const version = json[2] === undefined ? '' : `/${json[2]}`;
      const upstream = await fetchUpstream(
        `${options.pypiJsonUpstream.replace(/\/+$/, '')}/${encodeURIComponent(name)}${version}/json`,
        'application/json',
      );
      const rewritten = rewriteJsonApi(JSON.parse(upstream.body.toString('utf8')), {
        proxyBase,
        now: now(),
        minAgeMs: options.minAgeMs,
      });
      for (const file of rewritten.listed) pypiFiles.set(proxiedFilePath(file.project, file.filename), file);
      logHidden(
        'pypi',
        normalizePypiName(name),
        rewritten.hidden.map((v) => ({ version: v })),
      );
      if (json[2] !== undefined && rewritten.hidden.includes(decodeURIComponent(json[2]))) {
        return refuse(
          res,
          'pypi',
          `assay proxy refused ${name}==${json[2]}: younger than the minimum release age`,
        );
      }
      return send(res, 200, JSON.stringify(rewritten.body), 'application/json');
    }
    const file = /^\/pypi\/files\/([^/]+)\/([^/]+)$/.exec(path);
    if (file?.[1] !== undefined && file[2] !== undefined) {
      const key = proxiedFilePath(decodeURIComponent(file[1]), decodeURIComponent(file[2]));
      if (!pypiFiles.has(key)) await project(decodeURIComponent(file[1]), proxyBase);
      const listed = pypiFiles.get(key);
      if (listed === undefined) return send(res, 404, 'not listed by the index\n', 'text/plain');
      return artifact(
        res,
        {
          ecosystem: 'pypi',
          name: normalizePypiName(listed.project),
          version: listed.version,
          filename: listed.filename,
          indexFile: listed.provenance === undefined ? {} : { provenance: listed.provenance },
        },
        listed.upstreamUrl,
        {
          ...(listed.hashes['sha256'] === undefined ? {} : { sha256: listed.hashes['sha256'] }),
        },
      );
    }
    return send(res, 404, 'not served by the assay proxy\n', 'text/plain');
  }

  return async (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const proxyBase = `http://${req.headers.host ?? '127.0.0.1'}`;
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(res, 405, 'the assay proxy is read-only\n', 'text/plain');
      }
      if (path.startsWith('/npm/')) return await npmRoute(res, path, proxyBase);
      if (path.startsWith('/pypi/')) return await pypiRoute(req, res, path, proxyBase);
      return send(res, 404, 'assay proxy: /npm/ and /pypi/simple/ are served\n', 'text/plain');
    } catch (error) {
      if (error instanceof UpstreamError && error.status === 404) {
        return send(res, 404, '{"error":"not found upstream"}', 'application/json');
      }
      const { code, message } = describeError(error);
      options.log({
        time: now().toISOString(),
        ecosystem: path.startsWith('/pypi/') ? 'pypi' : 'npm',
        name: path,
        action: 'error',
        reason: `${code}: ${message}`,
      });
      return send(
        res,
        502,
        JSON.stringify({ error: `assay proxy: ${code}: ${message}` }),
        'application/json',
        `${code}`,
      );
    }
  };
}

export interface RunningProxy {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly url: string;
  close(): Promise<void>;
}

export async function startProxy(options: ProxyOptions, host = '127.0.0.1', port = 0): Promise<RunningProxy> {
  const handler = createProxyHandler(options);
  const server = createServer((req, res) => {
    void handler(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
