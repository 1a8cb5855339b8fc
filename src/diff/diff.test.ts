import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildTar } from '../artifacts/testing/build-archives.ts';
import { recordedRegistry } from '../enrich/testing/recorded-registry.ts';
import type { ProvenanceResult } from '../provenance/types.ts';
import type { ScanOptions } from '../scan/types.ts';
import { diffFindingRegistry } from './findings/index.ts';
import type { PackageDiff } from './model.ts';
import { previousVersion } from './previous.ts';
import { renderDiff } from './render.ts';
import { diffTargets } from './run.ts';

const here = fileURLToPath(new URL('.', import.meta.url));
const fixture = (id: string, side: 'old' | 'new') => join(here, 'fixtures', id, side);
const NOW = new Date('2026-12-01T00:00:00Z');

/** Recorded registry answers: one dependency a week old with a dozen downloads, one long-established. */
const registry = recordedRegistry({
  now: NOW.toISOString(),
  packages: {
    'npm:fresh-helper-lib': {
      status: 'exists',
      versions: { '0.0.1': '2026-11-24T10:00:00Z' },
      weeklyDownloads: 12,
    },
    'npm:left-pad': {
      status: 'exists',
      versions: { '1.3.0': '2018-04-01T00:00:00Z' },
      weeklyDownloads: 2_000_000,
    },
  },
});
const scan: ScanOptions = { registry, now: NOW };

/** Recorded provenance per version (fixtures/<id>/provenance.json), standing in for the registry's attestations. */
function recordedProvenance(id: string): Record<string, ProvenanceResult> | undefined {
  const path = join(here, 'fixtures', id, 'provenance.json');
  return existsSync(path)
    ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, ProvenanceResult>)
    : undefined;
}

function diff(
  oldPath: string,
  newPath: string,
  provenance?: Record<string, ProvenanceResult>,
): Promise<PackageDiff> {
  return diffTargets(oldPath, newPath, {
    toolVersion: 'test',
    scan,
    now: NOW,
    ...(provenance === undefined
      ? {}
      : { provenance: (result) => Promise.resolve(provenance[result.snapshot.version]) }),
  });
}

/** A change of publisher is a change both ways; every other diff finding is about something the new side adds. */
const SYMMETRIC = new Set(['changes-trusted-publisher']);

describe('diff findings: a fixture pair each', () => {
  it('every diff finding has a fixture pair, and every pair a finding', () => {
    const folders = readdirSync(join(here, 'fixtures')).sort();
    assert.deepEqual(folders, diffFindingRegistry.map((definition) => definition.id).sort());
  });

  for (const definition of diffFindingRegistry) {
    it(`${definition.id}: old → new raises it (and nothing else); new → old does not`, async () => {
      const provenance = recordedProvenance(definition.id);
      const forward = await diff(fixture(definition.id, 'old'), fixture(definition.id, 'new'), provenance);
      assert.deepEqual(
        forward.findings.map((finding) => finding.id),
        [definition.id],
      );
      const evidence = forward.findings[0]?.evidence ?? [];
      // Evidence names a file, or for registry metadata the field.
      assert.ok(evidence.length > 0 && evidence.every((item) => Boolean(item.file) || Boolean(item.field)));
      const backward = await diff(fixture(definition.id, 'new'), fixture(definition.id, 'old'), provenance);
      if (SYMMETRIC.has(definition.id)) {
        assert.deepEqual(
          backward.findings.map((finding) => finding.id),
          [definition.id],
        );
      } else {
        assert.deepEqual(backward.findings, []);
        assert.equal(backward.verdict.level, 'pass');
      }
    });
  }
});

describe('diff: what changed between two versions', () => {
  it('files, dependencies, install scripts and the verdict of what is new', async () => {
    const result = await diff(fixture('adds-install-script', 'old'), fixture('adds-install-script', 'new'));
    assert.deepEqual(
      result.files.changes.map((change) => [change.path, change.status]),
      [
        ['package.json', 'changed'],
        ['setup.js', 'added'],
      ],
    );
    assert.equal(result.files.unchanged, 1);
    assert.deepEqual(result.installScripts, [
      { name: 'scripts.postinstall', status: 'added', newValue: 'node setup.js' },
    ]);
    assert.equal(result.verdict.level, 'fail');
    assert.deepEqual(result.verdict.reasons, [{ id: 'adds-install-script', severity: 'high' }]);
    // Local folders carry no registry manifest: maintainers are not compared rather than reported unchanged.
    assert.equal(result.maintainers, null);
    const appeared = result.behaviors.find((change) => change.id === 'runs-install-script');
    assert.equal(appeared?.status, 'appeared');
  });

  it('dependencies added, removed and re-pointed', async () => {
    const result = await diff(
      fixture('adds-risky-dependency', 'old'),
      fixture('adds-risky-dependency', 'new'),
    );
    assert.deepEqual(result.dependencies, [
      { name: 'fresh-helper-lib', kind: 'runtime', status: 'added', newSpec: '^0.0.1' },
    ]);
    const detail = result.findings[0]?.evidence[0]?.detail ?? '';
    assert.match(detail, /first published 2026-11-24 \(6 days before the check\)/);
    assert.match(detail, /12 downloads last week/);
  });

  it('renders text, markdown and JSON; package strings are escaped', async () => {
    const result = await diff(fixture('adds-install-script', 'old'), fixture('adds-install-script', 'new'));
    const hostile = {
      ...result,
      installScripts: [
        { name: 'scripts.postinstall', status: 'added' as const, newValue: 'node \u001b[2Jx.js' },
      ],
    };
    const text = renderDiff('text', hostile, { maxEvidence: 3, maxFiles: 10 });
    assert.match(text, /What is new: FAIL \(adds-install-script, high\)/);
    assert.match(text, /added: scripts\.postinstall {2}node \\x1b\[2Jx\.js/);
    assert.doesNotMatch(text, /\u001b/);
    const markdown = renderDiff('markdown', hostile, { maxEvidence: 3, maxFiles: 10 });
    assert.match(markdown, /^# assay diff: /);
    assert.match(markdown, /## Install scripts/);
    const json = JSON.parse(renderDiff('json', result, { maxEvidence: 3, maxFiles: 10 })) as PackageDiff;
    assert.equal(json.schemaVersion, result.schemaVersion);
    assert.deepEqual(json.findings, result.findings);
  });
});

describe('diff of two sdists', () => {
  it("compares paths below each version's own top folder, and sees a new cmdclass as an install hook", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assay-diff-sdist-'));
    try {
      const sdist = (version: string, setup: string) => {
        const root = `demo-pkg-${version}`;
        const path = join(dir, `${root}.tar.gz`);
        const pkgInfo = `Metadata-Version: 2.1\nName: demo-pkg\nVersion: ${version}\nLicense: MIT\n`;
        writeFileSync(
          path,
          gzipSync(
            buildTar([
              { name: `${root}/PKG-INFO`, data: pkgInfo },
              { name: `${root}/setup.py`, data: setup },
              { name: `${root}/demo_pkg/__init__.py`, data: 'VALUE = 1\n' },
            ]),
          ),
        );
        return path;
      };
      const plain = "from setuptools import setup\nsetup(name='demo-pkg', version='1.0')\n";
      const hooked =
        'from setuptools import setup\nfrom setuptools.command.install import install\n\n' +
        'class Hook(install):\n    def run(self):\n        install.run(self)\n\n' +
        "setup(name='demo-pkg', version='1.1', cmdclass={'install': Hook})\n";
      const result = await diff(sdist('1.0', plain), sdist('1.1', hooked));
      assert.deepEqual(
        result.files.changes.map((change) => [change.path, change.status]),
        [
          ['PKG-INFO', 'changed'],
          ['setup.py', 'changed'],
        ],
      );
      assert.equal(result.files.unchanged, 1);
      assert.deepEqual(
        result.installScripts.map((change) => [change.name, change.status, change.newValue]),
        [['cmdclass.install', 'added', 'Hook']],
      );
      assert.ok(result.findings.some((finding) => finding.id === 'adds-install-script'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('previousVersion: the release before, in the ecosystem order', () => {
  const v = (version: string, yanked = false) => ({ version, ...(yanked ? { yanked } : {}) });
  it('npm: SemVer order, not publish order; pre-releases only for a pre-release', () => {
    const versions = [v('2.5.0'), v('2.7.0'), v('2.6.0'), v('2.6.1-beta.1'), v('1.9.0')];
    assert.equal(previousVersion('npm', '2.6.0', versions), '2.5.0');
    assert.equal(previousVersion('npm', '2.7.0', versions), '2.6.0');
    assert.equal(previousVersion('npm', '2.7.0-rc.1', [...versions, v('2.7.0-beta.2')]), '2.7.0-beta.2');
    assert.throws(() => previousVersion('npm', '1.9.0', versions), /no release before 1\.9\.0/);
  });
  it('PyPI: PEP 440 order, yanked releases skipped', () => {
    const versions = [v('1.0'), v('1.0.post1', true), v('1.10'), v('1.9'), v('2.0rc1')];
    assert.equal(previousVersion('pypi', '1.10', versions), '1.9');
    assert.equal(previousVersion('pypi', '1.9', versions), '1.0');
    assert.equal(previousVersion('pypi', '2.0', versions), '1.10');
  });
});
