import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Handler, startTestServer, type TestServer } from './server.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

function fixture(path: string): Buffer {
  return readFileSync(join(FIXTURES, path));
}

const NPM_PACKUMENTS: Record<string, string> = {
  'is-number': 'is-number.json',
  '@sindresorhus%2fis': 'sindresorhus-is.json',
  crossenv: 'crossenv.json',
  'flatmap-stream': 'flatmap-stream.json',
  'assay-unpublished-example': 'written-unpublished.json',
  'assay-deprecated-example': 'written-deprecated.json',
};

/**
 * A local stand-in for both registries, serving the fixtures:
 * - PyPI: `/simple/demo-pkg/` (PEP 691 JSON or PEP 503 HTML by Accept), `/html/simple/demo-pkg/` (HTML only),
 *   `/legacy/simple/demo-pkg/` (301 to /simple/demo-pkg/), `/pypi/demo-pkg/json`, files under `/files/`
 *   and `/html/files/`, `/files/redirect/<name>` (302 to the file).
 * - npm: packuments under `/npm/`, tarball URLs rewritten to the server, `/npm/is-number/-/is-number-7.0.0.tgz`.
 */
export async function startFixtureRegistry(): Promise<TestServer> {
  const server = await startTestServer();
  const base = server.url;
  const html = fixture('pypi/simple-demo-pkg.html');
  const json = fixture('pypi/simple-demo-pkg.json');
  const negotiated: Handler = (request) => {
    const accept = String(request.headers['accept'] ?? '');
    return accept.includes('application/vnd.pypi.simple.v1+json')
      ? { body: json, headers: { 'content-type': 'application/vnd.pypi.simple.v1+json' } }
      : { body: html, headers: { 'content-type': 'text/html; charset=utf-8' } };
  };
  server.route('/simple/demo-pkg/', negotiated);
  server.route('/html/simple/demo-pkg/', { body: html, headers: { 'content-type': 'text/html' } });
  server.route('/legacy/simple/demo-pkg/', { status: 301, headers: { location: '/simple/demo-pkg/' } });
  server.route('/pypi/demo-pkg/json', {
    body: fixture('pypi/pypi-demo-pkg.json').toString('utf8').replaceAll('{{BASE}}', base),
    headers: { 'content-type': 'application/json' },
  });
  for (const name of readdirSync(join(FIXTURES, 'pypi', 'files'))) {
    const bytes = fixture(`pypi/files/${name}`);
    server.route(`/files/${name}`, { body: bytes });
    server.route(`/html/files/${name}`, { body: bytes });
    server.route(`/files/redirect/${name}`, { status: 302, headers: { location: `/files/${name}` } });
  }
  for (const [path, file] of Object.entries(NPM_PACKUMENTS)) {
    const body = fixture(`npm/${file}`)
      .toString('utf8')
      .replaceAll('https://registry.npmjs.org', `${base}/npm`);
    server.route(`/npm/${path}`, { body, headers: { 'content-type': 'application/json' } });
  }
  server.route('/npm/is-number/-/is-number-7.0.0.tgz', { body: fixture('npm/is-number-7.0.0.tgz') });
  return server;
}

export function readFixture(path: string): Buffer {
  return fixture(path);
}
