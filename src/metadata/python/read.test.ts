import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { PackageFile } from '../../artifacts/types.ts';
import type { Dependency, PackageMetadata } from '../types.ts';
import { readPythonMetadata } from './read.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** A fixture folder as the archive readers would hand it over: relative '/'-separated paths. */
function loadFixture(name: string): PackageFile[] {
  const root = join(FIXTURES, name);
  const files: PackageFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push({ path: relative(root, path).split('\\').join('/'), data: readFileSync(path) });
    }
  };
  walk(root);
  return files;
}

function dep(metadata: PackageMetadata, name: string, file?: string): Dependency {
  const found = metadata.dependencies.find(
    (d) => d.normalizedName === name && (file === undefined || d.source.file.endsWith(file)),
  );
  assert.ok(found, `dependency ${name} ${file ?? ''} not found`);
  return found;
}

describe('readPythonMetadata: wheel (dist-info)', async () => {
  const metadata = await readPythonMetadata(loadFixture('wheel'));

  it('reads name, version and the PEP 503 name', () => {
    assert.equal(metadata.name, 'Demo_Pkg');
    assert.equal(metadata.normalizedName, 'demo-pkg');
    assert.equal(metadata.version, '1.2.0');
    assert.equal(metadata.summary, 'A small demonstration package used by the metadata reader tests');
    assert.equal(metadata.requiresPython, '>=3.8');
  });

  it('reads only the top-level dist-info, not a vendored one nor a module named setup.py', () => {
    assert.deepEqual(
      metadata.sources.map((s) => [s.file, s.kind]),
      [
        ['demo_pkg-1.2.0.dist-info/METADATA', 'METADATA'],
        ['demo_pkg-1.2.0.dist-info/entry_points.txt', 'METADATA'],
        ['demo_pkg-1.2.0.dist-info/top_level.txt', 'METADATA'],
      ],
    );
    assert.equal(
      metadata.dependencies.some((d) => d.name === 'vendored-only-dependency'),
      false,
    );
    assert.deepEqual(metadata.conflicts, []);
  });

  it('takes the body as the description', () => {
    assert.equal(
      metadata.description,
      '# Demo package\n\nA demonstration package.\n\n    indented line kept as written',
    );
  });

  it('splits an author list with a quoted comma', () => {
    assert.deepEqual(
      metadata.authors.map((a) => [a.name, a.email, a.source.line]),
      [
        ['Ada Example', 'ada@example.org', 8],
        ['Byte, Bob', 'bob@example.org', 8],
      ],
    );
    assert.deepEqual(
      metadata.maintainers.map((m) => m.email),
      ['ops@example.org'],
    );
  });

  it('reads Home-page and every Project-URL with its label and line', () => {
    assert.deepEqual(
      metadata.urls.map((u) => [u.label, u.url, u.source.line]),
      [
        ['Home-page', 'https://demo.example.org/', 6],
        ['Documentation', 'https://demo.example.org/docs', 11],
        ['Source Code', 'https://git.example.org/demo/demo-pkg', 12],
      ],
    );
  });

  it('reads Requires-Dist with extras, markers and direct URLs', () => {
    assert.equal(metadata.dependencies.length, 6);
    const requests = dep(metadata, 'requests');
    assert.equal(requests.specifier, '>=2.20');
    assert.equal(requests.kind, 'runtime');
    assert.equal(requests.source.line, 18);
    const colorama = dep(metadata, 'colorama');
    assert.equal(colorama.kind, 'runtime');
    assert.equal(colorama.marker, 'sys_platform == "win32"');
    const pysocks = dep(metadata, 'pysocks');
    assert.equal(pysocks.kind, 'optional');
    assert.equal(pysocks.group, 'socks');
    const pytest = dep(metadata, 'pytest');
    assert.deepEqual(pytest.extras, ['testing']);
    assert.equal(pytest.group, 'tests');
    const helper = dep(metadata, 'helper');
    assert.equal(helper.url, 'https://files.example.org/helper-0.1.tar.gz');
    assert.equal(helper.kind, 'optional');
  });

  it('records the unreadable Requires-Dist line as a parse error with its line', () => {
    assert.deepEqual(metadata.parseErrors, [
      {
        file: 'demo_pkg-1.2.0.dist-info/METADATA',
        message: 'Requires-Dist (line 26): not a valid requirement: this is ((( not a requirement',
      },
    ]);
  });

  it('reads entry_points.txt and top_level.txt', () => {
    assert.deepEqual(
      metadata.entryPoints.map((e) => [e.group, e.name, e.value, e.source.line]),
      [
        ['console_scripts', 'demo', 'demo_pkg.cli:main', 2],
        ['demo_pkg.plugins', 'json', 'demo_pkg.plugins.json:JsonPlugin', 5],
      ],
    );
    assert.deepEqual(metadata.topLevelModules, ['demo_pkg']);
  });
});

describe('readPythonMetadata: legacy sdist (PKG-INFO, egg-info, setup.py)', async () => {
  const metadata = await readPythonMetadata(loadFixture('legacy-sdist'));

  it('lets PKG-INFO win for the version and records the conflict with setup.py', () => {
    assert.equal(metadata.version, '0.3');
    const conflict = metadata.conflicts.find((c) => c.field === 'version');
    assert.deepEqual(
      conflict?.values.map((v) => [v.value, v.source.file, v.source.line]),
      [
        ['0.3', 'legacy-0.3/PKG-INFO', 3],
        ['0.3', 'legacy-0.3/legacy.egg-info/PKG-INFO', 3],
        ['0.4', 'legacy-0.3/setup.py', 27],
      ],
    );
    assert.equal(metadata.conflicts.length, 1);
  });

  it('decodes a latin-1 author name', () => {
    assert.equal(metadata.authors[0]?.name, 'José Müller');
  });

  it('dedents the 8-space Description header', () => {
    assert.equal(metadata.description, 'Legacy\n======\n\nFirst paragraph.\n\n    indented code');
  });

  it('reads requires.txt sections: plain, [:marker], [extra] and [extra:marker]', () => {
    const fromRequires = metadata.dependencies.filter((d) => d.source.file.endsWith('requires.txt'));
    assert.deepEqual(
      fromRequires.map((d) => [d.name, d.kind, d.group, d.marker]),
      [
        ['six', 'runtime', undefined, undefined],
        ['requests', 'runtime', undefined, undefined],
        ['futures', 'runtime', undefined, 'python_version < "3"'],
        ['pyOpenSSL', 'optional', 'security', undefined],
        ['win-inet-pton', 'optional', 'socks', 'sys_platform == "win32"'],
      ],
    );
  });

  it('reads setup.py literals through module constants', () => {
    const fromSetup = metadata.dependencies.filter((d) => d.source.file.endsWith('setup.py'));
    assert.deepEqual(
      fromSetup.map((d) => [d.name, d.kind, d.group ?? null, d.source.line]),
      [
        ['six', 'runtime', null, 10],
        ['requests', 'runtime', null, 11],
        ['setuptools_scm', 'build', null, 41],
        ['pytest', 'dev', null, 40],
        ['pyOpenSSL', 'optional', 'security', 37],
        ['win-inet-pton', 'optional', 'socks', 38],
      ],
    );
    assert.equal(dep(metadata, 'win-inet-pton', 'setup.py').marker, 'sys_platform == "win32"');
  });

  it('reads cmdclass overrides and scripts', () => {
    assert.deepEqual(
      metadata.commandOverrides.map((o) => [o.command, o.handler, o.source.file, o.source.line]),
      [
        ['install', 'PostInstall', 'legacy-0.3/setup.py', 46],
        ['develop', 'PostInstall', 'legacy-0.3/setup.py', 46],
      ],
    );
    assert.deepEqual(
      metadata.scripts.map((s) => [s.name, s.command]),
      [['legacy-admin', 'bin/legacy-admin']],
    );
  });

  it('keeps one entry per source class for the same entry point', () => {
    assert.deepEqual(
      metadata.entryPoints.map((e) => [e.group, e.name, e.source.file]),
      [
        ['console_scripts', 'legacy', 'legacy-0.3/legacy.egg-info/entry_points.txt'],
        ['distutils.commands', 'legacy_build', 'legacy-0.3/legacy.egg-info/entry_points.txt'],
        ['console_scripts', 'legacy', 'legacy-0.3/setup.py'],
      ],
    );
  });

  it('records every file it read', () => {
    assert.deepEqual(metadata.sources.map((s) => s.kind).sort(), [
      'PKG-INFO',
      'egg-info',
      'egg-info',
      'egg-info',
      'egg-info',
      'setup.cfg',
      'setup.py',
    ]);
    assert.deepEqual(metadata.parseErrors, []);
  });
});

describe('readPythonMetadata: pyproject [project] with a built PKG-INFO', async () => {
  const metadata = await readPythonMetadata(loadFixture('pep621'));

  it('takes the version from PKG-INFO when pyproject declares it dynamic', () => {
    assert.equal(metadata.version, '0.5.0');
    assert.deepEqual(metadata.conflicts, []);
    assert.equal(metadata.license, 'Apache-2.0');
  });

  it('reads build-system requires and backend', () => {
    assert.equal(metadata.buildBackend, 'hatchling.build');
    const build = metadata.dependencies.filter((d) => d.kind === 'build');
    assert.deepEqual(
      build.map((d) => [d.name, d.specifier, d.source.field, d.source.line]),
      [
        ['hatchling', '>=1.18', 'build-system.requires', 3],
        ['hatch-vcs', '', 'build-system.requires', 3],
      ],
    );
  });

  it('reads dependencies and optional-dependencies with their lines', () => {
    const declared = metadata.dependencies.filter(
      (d) => d.source.file.endsWith('pyproject.toml') && d.kind !== 'build',
    );
    assert.deepEqual(
      declared.map((d) => [d.name, d.kind, d.group ?? null, d.source.line]),
      [
        ['httpx', 'runtime', null, 18],
        ['rich', 'runtime', null, 19],
        ['internal-tool', 'runtime', null, 20],
        ['click', 'optional', 'cli', 24],
        ['sphinx', 'optional', 'docs', 26],
      ],
    );
    assert.equal(
      dep(metadata, 'internal-tool', 'pyproject.toml').url,
      'git+https://git.example.org/internal-tool.git@v1.0',
    );
  });

  it('reads scripts, gui-scripts and entry-points with a dotted group name', () => {
    assert.deepEqual(
      metadata.entryPoints.map((e) => [e.group, e.name, e.source.line]),
      [
        ['console_scripts', 'pep621-demo', 34],
        ['gui_scripts', 'pep621-gui', 37],
        ['pep621_demo.hooks', 'audit', 40],
      ],
    );
  });

  it('reads the authors table, including an author with only an e-mail', () => {
    const fromToml = metadata.authors.filter((a) => a.source.file.endsWith('pyproject.toml'));
    assert.deepEqual(
      fromToml.map((a) => [a.name, a.email]),
      [
        ['Grace Example', 'grace@example.org'],
        [undefined, 'team@example.org'],
      ],
    );
  });
});

describe('readPythonMetadata: [tool.poetry]', async () => {
  const metadata = await readPythonMetadata(loadFixture('poetry'));

  it('reads name, version, Python range and URLs', () => {
    assert.equal(metadata.name, 'poetry-app');
    assert.equal(metadata.version, '2.0.0');
    assert.equal(metadata.requiresPython, '^3.9');
    assert.equal(metadata.buildBackend, 'poetry.core.masonry.api');
    assert.deepEqual(
      metadata.urls.map((u) => [u.label, u.url]),
      [
        ['homepage', 'https://poetry-app.example.org'],
        ['repository', 'https://git.example.org/poetry-app'],
        ['documentation', 'https://docs.example.org/poetry-app'],
        ['Bug Tracker', 'https://git.example.org/poetry-app/issues'],
      ],
    );
  });

  it('reads caret, tilde, star and table forms, and skips the python key', () => {
    assert.equal(dep(metadata, 'requests').specifier, '^2.31');
    assert.equal(dep(metadata, 'attrs').specifier, '~23.1');
    assert.equal(dep(metadata, 'anything').specifier, '');
    const pendulum = dep(metadata, 'pendulum');
    assert.deepEqual(
      [pendulum.specifier, pendulum.extras, pendulum.marker],
      ['^3.0', ['test'], "sys_platform != 'win32'"],
    );
    assert.equal(
      metadata.dependencies.some((d) => d.name === 'python'),
      false,
    );
  });

  it('sets url for git, url and path dependencies', () => {
    assert.equal(dep(metadata, 'mylib').url, 'https://git.example.org/mylib.git');
    assert.equal(
      dep(metadata, 'wheelhouse').url,
      'https://files.example.org/wheelhouse-1.0-py3-none-any.whl',
    );
    assert.equal(dep(metadata, 'localdep').url, '../localdep');
  });

  it('maps optional dependencies to their extra, and dev and group tables to dev', () => {
    assert.deepEqual(
      [dep(metadata, 'psycopg').kind, dep(metadata, 'psycopg').group],
      ['optional', 'postgres'],
    );
    assert.deepEqual([dep(metadata, 'black').kind, dep(metadata, 'black').group], ['dev', 'dev']);
    assert.deepEqual([dep(metadata, 'pytest').kind, dep(metadata, 'pytest').group], ['dev', 'test']);
    assert.deepEqual(
      metadata.dependencies.filter((d) => d.name === 'numpy').map((d) => d.specifier),
      ['<1.25', '^1.25'],
    );
  });

  it('reads scripts in string and table form', () => {
    assert.deepEqual(
      metadata.entryPoints.map((e) => [e.name, e.value]),
      [
        ['poetry-app', 'poetry_app.console:run'],
        ['poetry-admin', 'poetry_app.admin:main'],
      ],
    );
  });
});

describe('readPythonMetadata: setup.cfg', async () => {
  const metadata = await readPythonMetadata(loadFixture('setup-cfg'));

  it('reads [metadata] with case-insensitive keys and keeps attr:/file: values as written', () => {
    assert.equal(metadata.name, 'cfgdemo');
    assert.equal(metadata.version, 'attr: cfgdemo.__version__');
    assert.equal(metadata.description, 'file: README.rst');
    assert.equal(metadata.summary, 'Reads configuration declaratively');
    assert.equal(metadata.requiresPython, '>=3.8');
    assert.deepEqual(
      metadata.authors.map((a) => [a.name, a.email]),
      [['Margaret Example', 'margaret@example.org']],
    );
  });

  it('reads multi-line project_urls and skips the comment line inside', () => {
    assert.deepEqual(
      metadata.urls.map((u) => [u.label, u.url, u.source.line]),
      [
        ['url', 'https://cfgdemo.example.org', 9],
        ['Source', 'https://git.example.org/cfgdemo', 12],
        ['Tracker', 'https://git.example.org/cfgdemo/issues', 14],
      ],
    );
  });

  it('reads multi-line install_requires, ";"-separated setup_requires and extras', () => {
    const fromCfg = metadata.dependencies.filter((d) => d.source.file.endsWith('setup.cfg'));
    assert.deepEqual(
      fromCfg.map((d) => [d.name, d.kind, d.group ?? null, d.marker ?? null, d.source.line]),
      [
        ['requests', 'runtime', null, null, 23],
        ['pywin32', 'runtime', null, 'sys_platform == "win32"', 24],
        ['click', 'runtime', null, null, 26],
        ['setuptools_scm', 'build', null, null, 27],
        ['wheel', 'build', null, null, 27],
        ['pytest', 'dev', null, null, 28],
        ['PyYAML', 'optional', 'yaml', null, 34],
        ['pytest', 'optional', 'dev', null, 36],
        ['tox', 'optional', 'dev', null, 37],
      ],
    );
  });

  it('reads entry points and scripts', () => {
    assert.deepEqual(
      metadata.entryPoints.map((e) => [e.group, e.name, e.value, e.source.line]),
      [
        ['console_scripts', 'cfgdemo', 'cfgdemo.cli:main', 41],
        ['cfgdemo.plugins', 'basic', 'cfgdemo.plugins:Basic', 43],
      ],
    );
    assert.deepEqual(
      metadata.scripts.map((s) => s.command),
      ['bin/cfgdemo-run', 'bin/cfgdemo-admin'],
    );
  });

  it('reads an argument-less setuptools.setup() without an error', () => {
    assert.deepEqual(metadata.parseErrors, []);
    assert.ok(metadata.sources.some((s) => s.kind === 'setup.py'));
  });
});

describe('readPythonMetadata: setup.py forms', async () => {
  const metadata = await readPythonMetadata(loadFixture('setup-py-forms'));

  it('follows **kwargs, an aliased setup and implicit string concatenation', () => {
    assert.equal(metadata.name, 'forms');
    assert.deepEqual(
      metadata.urls.map((u) => [u.label, u.url]),
      [
        ['url', 'https://forms.example.org/home'],
        ['Changelog', 'https://forms.example.org/changes'],
      ],
    );
  });

  it('records nothing for values computed at run time or assigned twice', () => {
    assert.equal(metadata.version, undefined);
    assert.equal(metadata.summary, undefined);
    assert.deepEqual(
      metadata.scripts.map((s) => s.command),
      ['bin/forms-helper'],
    );
  });

  it('decodes escapes in normal strings but not in raw strings', () => {
    assert.deepEqual(
      metadata.authors.map((a) => [a.name, a.email]),
      [['Raw \\n Name', 'dev@example.org']],
    );
  });

  it('reads list concatenation, dict(...) cmdclass and an ini-string entry_points', () => {
    assert.deepEqual(
      metadata.dependencies.map((d) => [d.name, d.kind, d.group ?? null]),
      [
        ['attrs', 'runtime', null],
        ['cryptography', 'runtime', null],
        ['ujson', 'optional', 'fast'],
        ['importlib-metadata', 'runtime', null],
      ],
    );
    assert.deepEqual(
      metadata.commandOverrides.map((o) => [o.command, o.handler]),
      [
        ['build_py', 'CustomBuild'],
        ['hook', 'Hook'],
      ],
    );
    assert.deepEqual(
      metadata.entryPoints.map((e) => [e.group, e.name, e.value, e.source.line]),
      [['console_scripts', 'forms', 'forms.cli:main', 29]],
    );
  });
});

describe('readPythonMetadata: broken and hostile input', () => {
  it('records a setup.py syntax error and still reads PKG-INFO', async () => {
    const metadata = await readPythonMetadata(loadFixture('setup-py-broken'));
    assert.equal(metadata.name, 'broken');
    assert.equal(metadata.version, '0.1');
    assert.ok(
      metadata.parseErrors.some(
        (e) => e.file === 'broken-0.1/setup.py' && e.message.startsWith('syntax error'),
      ),
      JSON.stringify(metadata.parseErrors),
    );
  });

  it('records invalid TOML as a parse error', async () => {
    const metadata = await readPythonMetadata([
      { path: 'x-1/pyproject.toml', data: Buffer.from('[project\nname = "x"\n') },
    ]);
    assert.equal(metadata.parseErrors.length, 1);
    assert.match(metadata.parseErrors[0]?.message ?? '', /^not valid TOML/);
    assert.deepEqual(metadata.sources, [{ file: 'x-1/pyproject.toml', kind: 'pyproject.toml' }]);
  });

  it('ignores members of nested archives and returns an empty snapshot when nothing is found', async () => {
    const metadata = await readPythonMetadata([
      { path: 'inner.whl!/inner-1.0.dist-info/METADATA', data: Buffer.from('Name: inner\nVersion: 1\n') },
    ]);
    assert.equal(metadata.name, undefined);
    assert.deepEqual(metadata.sources, []);
  });

  it('reads only the head of a PKG-INFO over the size limit and says so', async () => {
    const metadata = await readPythonMetadata(
      [{ path: 'big-1/PKG-INFO', data: Buffer.from(`Name: big\nVersion: 1\n\n${'x'.repeat(200)}`) }],
      { maxFileBytes: 100 },
    );
    assert.equal(metadata.name, 'big');
    assert.match(metadata.parseErrors[0]?.message ?? '', /only the first 100 bytes read: 222 bytes/);
    assert.deepEqual(metadata.parseErrors[0]?.truncated, {
      limit: 'metadata-bytes',
      max: 100,
      observed: 222,
    });
  });

  it('skips a pyproject.toml over the size limit and says so', async () => {
    const metadata = await readPythonMetadata(
      [{ path: 'big-1/pyproject.toml', data: Buffer.from(`[project]\nname = "big"\n#${'x'.repeat(200)}`) }],
      { maxFileBytes: 100 },
    );
    assert.equal(metadata.name, undefined);
    assert.match(metadata.parseErrors[0]?.message ?? '', /not read: .* over the 100-byte limit/);
  });

  it('records a name conflict between two top-level dist-info folders', async () => {
    const metadata = await readPythonMetadata([
      { path: 'good-1.0.dist-info/METADATA', data: Buffer.from('Name: good\nVersion: 1.0\n') },
      { path: 'evil-1.0.dist-info/METADATA', data: Buffer.from('Name: evil\nVersion: 1.0.0\n') },
    ]);
    assert.deepEqual(
      metadata.conflicts.map((c) => [c.field, c.values.map((v) => v.value)]),
      [['name', ['evil', 'good']]],
    );
  });

  it('keeps a requirement once when PKG-INFO and requires.txt both state it, but keeps repeats within a file', async () => {
    const pkgInfo = [
      'Metadata-Version: 2.1',
      'Name: dup',
      'Version: 1',
      "Requires-Dist: PySocks!=1.5.7,>=1.5.6; extra == 'socks'",
      "Requires-Dist: futures; python_version<'3'",
      'Requires-Dist: six',
      'Requires-Dist: six',
      '',
    ].join('\n');
    const requires = 'six\n\n[:python_version < "3"]\nfutures\n\n[socks]\nPySocks>=1.5.6,!=1.5.7\n';
    const metadata = await readPythonMetadata([
      { path: 'dup-1/PKG-INFO', data: Buffer.from(pkgInfo) },
      { path: 'dup-1/dup.egg-info/requires.txt', data: Buffer.from(requires) },
    ]);
    assert.deepEqual(
      metadata.dependencies.map((d) => [d.name, d.source.file, d.source.line]),
      [
        ['PySocks', 'dup-1/PKG-INFO', 4],
        ['futures', 'dup-1/PKG-INFO', 5],
        ['six', 'dup-1/PKG-INFO', 6],
        ['six', 'dup-1/PKG-INFO', 7],
      ],
    );
  });

  it('compares home pages without a trailing slash', async () => {
    const metadata = await readPythonMetadata([
      { path: 'p-1/PKG-INFO', data: Buffer.from('Name: p\nVersion: 1\nHome-page: https://p.example.org/\n') },
      {
        path: 'p-1/setup.py',
        data: Buffer.from('from setuptools import setup\nsetup(url="https://p.example.org")\n'),
      },
    ]);
    assert.deepEqual(metadata.conflicts, []);
    const other = await readPythonMetadata([
      { path: 'p-1/PKG-INFO', data: Buffer.from('Name: p\nVersion: 1\nHome-page: https://p.example.org/\n') },
      {
        path: 'p-1/setup.py',
        data: Buffer.from('from setuptools import setup\nsetup(url="https://evil.example")\n'),
      },
    ]);
    assert.deepEqual(
      other.conflicts.map((c) => [c.field, c.values.map((v) => `${v.source.file}:${v.source.line}`)]),
      [['home-page', ['p-1/PKG-INFO:3', 'p-1/setup.py:2']]],
    );
  });
});

describe('readPythonMetadata: limits', () => {
  it('stops reading requirements past the per-file cap and says so', async () => {
    const lines = Array.from({ length: 5003 }, (_, i) => `Requires-Dist: pkg${i}`).join('\n');
    const metadata = await readPythonMetadata([
      { path: 'many-1.0.dist-info/METADATA', data: Buffer.from(`Name: many\nVersion: 1\n${lines}\n`) },
    ]);
    assert.equal(metadata.dependencies.length, 5000);
    assert.deepEqual(
      metadata.parseErrors.map((e) => [e.message, e.truncated]),
      [
        [
          '5003 requirements; the first 5000 were read and 3 were not',
          { limit: 'metadata-entries', max: 5000, observed: 5003 },
        ],
      ],
    );
  });
});
