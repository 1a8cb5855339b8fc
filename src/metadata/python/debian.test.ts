/**
 * Reads the metadata of real packages as Debian ships them, when a copy was extracted under /tmp
 * (`apt-get download python3-requests ...` then `dpkg-deb -x`). CI has no such copy, so these tests
 * skip there; the fixture tests are the required ones.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { PackageFile } from '../../artifacts/types.ts';
import { normalizePypiName } from '../pep508.ts';
import { readPythonMetadata } from './read.ts';

function findDistPackages(): string | undefined {
  const suffix = join('usr', 'lib', 'python3', 'dist-packages');
  const candidates = [process.env['ASSAY_DEBIAN_DIST_PACKAGES'], join('/tmp', suffix)];
  try {
    for (const entry of readdirSync('/tmp', { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      candidates.push(join('/tmp', entry.name, suffix));
      try {
        for (const inner of readdirSync(join('/tmp', entry.name), { withFileTypes: true })) {
          if (inner.isDirectory()) candidates.push(join('/tmp', entry.name, inner.name, suffix));
        }
      } catch {
        // An unreadable folder in /tmp is someone else's; look elsewhere.
      }
    }
  } catch {
    return undefined;
  }
  return candidates.find((c): c is string => c !== undefined && existsSync(c));
}

const WANTED = ['requests', 'attrs', 'setuptools', 'pyyaml', 'six'];

function infoDirs(root: string): { dir: string; name: string; version: string }[] {
  const found: { dir: string; name: string; version: string }[] = [];
  for (const entry of readdirSync(root)) {
    const match = /^(.+?)-([^-]+)\.(dist-info|egg-info)$/.exec(entry);
    if (!match || !WANTED.includes(normalizePypiName(match[1] ?? ''))) continue;
    found.push({ dir: entry, name: match[1] ?? '', version: match[2] ?? '' });
  }
  return found;
}

function load(root: string, dir: string): PackageFile[] {
  return readdirSync(join(root, dir)).map((file) => ({
    path: `${dir}/${file}`,
    data: readFileSync(join(root, dir, file)),
  }));
}

/** Counts `Key:` lines in the header block, independently of the parser under test. */
function countHeader(text: string, key: string): number {
  const headers = text.split(/\r?\n\r?\n/)[0] ?? '';
  return headers.split(/\r?\n/).filter((line) => line.startsWith(`${key}:`)).length;
}

describe('readPythonMetadata on Debian-extracted packages', () => {
  const root = findDistPackages();
  const dirs = root ? infoDirs(root) : [];

  it('reads name, version, URLs and dependencies of each package', async (t) => {
    if (!root || dirs.length === 0) {
      t.skip('no Debian-extracted dist-packages under /tmp');
      return;
    }
    for (const { dir, name, version } of dirs) {
      const files = load(root, dir);
      const metadata = await readPythonMetadata(files);
      assert.equal(metadata.normalizedName, normalizePypiName(name), dir);
      assert.equal(metadata.version, version, dir);
      assert.deepEqual(metadata.parseErrors, [], dir);

      const main = files.find((f) => f.path.endsWith('/METADATA') || f.path.endsWith('/PKG-INFO'));
      assert.ok(main, dir);
      const text = main.data.toString('utf8');
      const fromMain = metadata.dependencies.filter((d) => d.source.file === main.path);
      assert.equal(fromMain.length, countHeader(text, 'Requires-Dist'), `${dir} Requires-Dist`);
      const projectUrls = metadata.urls.filter((u) => u.source.field === 'Project-URL');
      assert.equal(projectUrls.length, countHeader(text, 'Project-URL'), `${dir} Project-URL`);
      for (const dependency of fromMain)
        assert.ok(dependency.source.line !== undefined && dependency.source.line > 0);
    }
  });

  it('reads the attrs extras as optional groups', async (t) => {
    const attrs = dirs.find((d) => d.name === 'attrs');
    if (!root || !attrs) {
      t.skip('attrs not extracted under /tmp');
      return;
    }
    const metadata = await readPythonMetadata(load(root, attrs.dir));
    assert.ok(metadata.dependencies.length > 0);
    for (const dependency of metadata.dependencies) {
      assert.equal(dependency.kind, 'optional', dependency.raw);
      assert.ok(dependency.group !== undefined, dependency.raw);
    }
  });

  it('reads the setuptools entry points', async (t) => {
    const setuptools = dirs.find((d) => d.name === 'setuptools');
    if (!root || !setuptools) {
      t.skip('setuptools not extracted under /tmp');
      return;
    }
    const metadata = await readPythonMetadata(load(root, setuptools.dir));
    const commands = metadata.entryPoints.filter((e) => e.group === 'distutils.commands');
    assert.ok(commands.some((e) => e.name === 'install' && e.value === 'setuptools.command.install:install'));
  });
});
