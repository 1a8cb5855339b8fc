/** Small package archives written by the tests themselves (never real packages). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildTar, buildZip } from '../../../artifacts/testing/build-archives.ts';

/** An npm tarball whose index.js starts a child process (or not), written to `dir`; returns its path. */
export function writeNpmTarball(dir: string, name: string, version: string, spawns: boolean): string {
  const manifest = JSON.stringify({
    name,
    version,
    main: 'index.js',
    dependencies: { 'left-pad': '^1.3.0' },
  });
  const code = spawns
    ? "const { execSync } = require('child_process');\nexecSync('uname -a');\n"
    : 'module.exports = (a, b) => a + b;\n';
  const path = join(dir, `${name}-${version}.tgz`);
  writeFileSync(
    path,
    gzipSync(
      buildTar([
        { name: 'package/package.json', data: manifest },
        { name: 'package/index.js', data: code },
      ]),
    ),
  );
  return path;
}

/** A wheel of a PyPI project that reads an environment variable. */
export function writeWheel(dir: string, name: string, version: string): string {
  const metadata = `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\nRequires-Dist: requests (>=2)\n\n`;
  const info = `${name}-${version}.dist-info`;
  const path = join(dir, `${name}-${version}-py3-none-any.whl`);
  writeFileSync(
    path,
    buildZip([
      { name: `${info}/METADATA`, data: metadata },
      { name: `${info}/WHEEL`, data: 'Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n' },
      { name: `${name}/__init__.py`, data: "import os\nTOKEN = os.environ.get('API_TOKEN')\n" },
    ]),
  );
  return path;
}
