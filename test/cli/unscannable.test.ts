/**
 * #15.6 / #15.7: input that holds nothing assay can scan is a clear error with a stable code (never a PASS of
 * "unknown unknown"); a single file's ecosystem comes from its content and extension; a project is named by
 * its manifest, not by its folder.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { EXIT } from '../../src/cli/exit-codes.ts';
import { memoryIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'assay-unscannable-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function scan(target: string) {
  const io = memoryIo(
    { ASSAY_DB: join(dir, 'none.db'), ASSAY_CACHE_DIR: join(dir, 'cache'), ASSAY_OFFLINE: '1' },
    dir,
  );
  const code = await main(['scan', target, '--format', 'json', '--workers', '0'], io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

function folder(name: string, files: Record<string, string> = {}): string {
  const path = join(dir, name);
  mkdirSync(path, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(path, file), text);
  return path;
}

describe('input with nothing to scan', () => {
  test('an empty directory, a lone Pipfile, a constraints file: E_UNSUPPORTED, exit 3, no report', async () => {
    const pipfile = folder('pipenv', { Pipfile: '[packages]\nrequests = "*"\n' });
    const constraints = folder('pins', { 'constraints.txt': 'requests==2.31.0\n' });
    for (const [target, why] of [
      [folder('empty'), /the directory is empty/],
      [join(pipfile, 'Pipfile'), /a Pipfile alone is not read/],
      [pipfile, /no manifest or lockfile assay can read/],
      [join(constraints, 'constraints.txt'), /a constraints file only limits versions/],
    ] as const) {
      const { code, out, err } = await scan(target);
      assert.equal(code, EXIT.failure, target);
      assert.equal(out, '', target);
      assert.match(err, /^assay: error E_UNSUPPORTED: /, target);
      assert.match(err, why, target);
    }
  });

  test('a lone .js file is an npm file, a lone .py file a PyPI one', async () => {
    const js = folder('js-file', { 'tool.js': 'require("child_process").exec("ls");\n' });
    const report = JSON.parse((await scan(join(js, 'tool.js'))).out) as { target: { ecosystem: string } };
    assert.equal(report.target.ecosystem, 'npm');
    const py = folder('py-file', { 'tool.py': 'import os\nos.system("ls")\n' });
    const pyReport = JSON.parse((await scan(join(py, 'tool.py'))).out) as { target: { ecosystem: string } };
    assert.equal(pyReport.target.ecosystem, 'pypi');
  });
});

describe('a project is named by its manifest', () => {
  test('poetry and npm projects take the name they declare, not the folder name', async () => {
    const poetry = folder('checkout-1', {
      'pyproject.toml':
        '[tool.poetry]\nname = "poetry-demo"\nversion = "0.1.0"\n\n[tool.poetry.dependencies]\npython = "^3.11"\nrequests = "^2.31"\n',
      'poetry.lock':
        '[[package]]\nname = "requests"\nversion = "2.31.0"\ndescription = ""\noptional = false\npython-versions = ">=3.7"\nfiles = []\n\n[metadata]\nlock-version = "2.0"\npython-versions = "^3.11"\ncontent-hash = "x"\n',
    });
    const report = JSON.parse((await scan(poetry)).out) as { target: { name: string } };
    assert.equal(report.target.name, 'poetry-demo');

    const npm = folder('checkout-2', { 'package.json': '{"name":"my-proj","version":"1.0.0"}\n' });
    const npmReport = JSON.parse((await scan(join(npm, 'package.json'))).out) as { target: { name: string } };
    assert.equal(npmReport.target.name, 'my-proj');
  });
});

describe('scan --help', () => {
  test('lists the choices of --fail-on (#15.17)', async () => {
    const io = memoryIo({}, dir);
    await main(['scan', '--help'], io);
    assert.match(io.out.join(''), /--fail-on <level>[\s\S]*choices: warning, fail, never/);
  });
});

describe('--artifact on an npm target', () => {
  test('is a usage error, not silently ignored (#15.17)', async () => {
    const io = memoryIo({ ASSAY_OFFLINE: '1', ASSAY_CACHE_DIR: join(dir, 'cache') }, dir);
    const code = await main(['scan', 'npm:left-pad@1.3.0', '--artifact', 'wheel'], io);
    assert.equal(code, EXIT.usage);
    assert.match(io.err.join(''), /^assay: error E_USAGE: --artifact wheel applies to PyPI targets/);
  });
});

describe('FORCE_COLOR', () => {
  test('colours the text report on a pipe; --no-color still wins (#15.17)', async () => {
    const js = folder('color', { 'tool.js': 'module.exports = 1;\n' });
    const run = async (env: Record<string, string>, ...extra: string[]) => {
      const io = memoryIo(
        { ASSAY_OFFLINE: '1', ASSAY_DB: join(dir, 'none.db'), ASSAY_CACHE_DIR: join(dir, 'cache'), ...env },
        dir,
      );
      await main(['scan', join(js, 'tool.js'), '--workers', '0', ...extra], io);
      return io.out.join('');
    };
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the escape that starts a colour
    const ansi = /\u001b\[/;
    assert.match(await run({ FORCE_COLOR: '1' }), ansi);
    assert.doesNotMatch(await run({ FORCE_COLOR: '1' }, '--no-color'), ansi);
    assert.doesNotMatch(await run({ FORCE_COLOR: '0' }), ansi);
    assert.doesNotMatch(await run({}), ansi);
  });
});
