import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isAssayError } from '../../core/errors.ts';
import { MAX_INCLUDE_DEPTH, parseRequirementsTxt } from './requirements-txt.ts';
import { fixture, one } from './testing/fixtures.ts';

describe('requirements.txt', () => {
  it('reads pins, hashes, markers, continuations, URLs, VCS and editable paths', async () => {
    const { components } = await parseRequirementsTxt([fixture('requirements', 'requirements.txt')]);
    const requests = one(components, 'requests');
    assert.equal(requests.version, '2.31.0');
    assert.equal(requests.pinned, true);
    assert.equal(requests.hashes?.length, 2);
    assert.match(requests.hashes?.[0] ?? '', /^sha256:[0-9a-f]{64}$/);
    assert.equal(requests.declaredIn.line, 6);
    const flask = one(components, 'flask');
    assert.equal(flask.specifier, '>=2.0,<3');
    assert.equal(flask.pinned, false);
    assert.equal(flask.version, undefined);
    assert.equal(flask.marker, 'python_version >= "3.8"');
    const tool = one(components, 'internal-tool');
    assert.equal(tool.source, 'url');
    assert.equal(tool.url, 'https://files.example.com/internal_tool-1.4.0-py3-none-any.whl');
    const vcs = one(components, 'vcs-lib');
    assert.equal(vcs.source, 'vcs');
    assert.equal(one(components, 'local-pkg').source, 'path');
    const archive = one(components, 'archive_pkg');
    assert.equal(archive.source, 'url');
    assert.equal(archive.version, '0.3');
  });

  it('follows -r includes relative to the including file, once, and applies -c constraints as pins', async () => {
    const parsed = await parseRequirementsTxt([fixture('requirements', 'requirements.txt')]);
    assert.equal(one(parsed.components, 'six').declaredIn.file, fixture('requirements', 'base.txt'));
    // base.txt includes requirements.txt back: read once, noted.
    assert.ok(parsed.notes?.some((n) => n.includes('included more than once')));
    const numpy = one(parsed.components, 'numpy');
    assert.equal(numpy.version, '1.26.4');
    assert.equal(numpy.specifier, undefined);
    // A constraint alone never adds a component.
    assert.equal(
      parsed.components.some((c) => c.name === 'unrelated'),
      false,
    );
    assert.deepEqual(parsed.files?.map((f) => f.split('/').pop()).sort(), [
      'base.txt',
      'constraints.txt',
      'requirements.txt',
    ]);
  });

  it('survives include cycles and caps include depth', async () => {
    const cyc = await parseRequirementsTxt([fixture('requirements', 'cycle-a.txt')]);
    assert.deepEqual(cyc.components.map((c) => c.name).sort(), ['attrs', 'idna']);
    const dir = await mkdtemp(join(tmpdir(), 'assay-req-'));
    for (let i = 0; i <= MAX_INCLUDE_DEPTH + 2; i++) {
      await writeFile(join(dir, `r${i}.txt`), `-r r${i + 1}.txt\npkg${i}==1.0\n`);
    }
    const deep = await parseRequirementsTxt([join(dir, 'r0.txt')]);
    assert.equal(deep.components.length, MAX_INCLUDE_DEPTH + 1);
    assert.ok(deep.notes?.some((n) => n.includes('deeper than')));
  });

  it('marks dev files and reads a runtime file first so shared entries stay runtime', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'assay-req-'));
    await writeFile(join(dir, 'requirements.txt'), 'flask==3.0.0\n');
    await writeFile(join(dir, 'requirements-dev.txt'), '-r requirements.txt\npytest==8.1.1\n');
    const { components } = await parseRequirementsTxt([
      join(dir, 'requirements-dev.txt'),
      join(dir, 'requirements.txt'),
    ]);
    assert.equal(one(components, 'flask').dev, false);
    assert.equal(one(components, 'pytest').dev, true);
  });

  it('rejects a line that is not a requirement with E_METADATA naming the file and line', async () => {
    await assert.rejects(parseRequirementsTxt([fixture('bad', 'requirements.txt')]), (e: unknown) => {
      assert.ok(isAssayError(e));
      assert.equal(e.code, 'E_METADATA');
      assert.match(e.message, /requirements\.txt: line 1: not a requirement/);
      return true;
    });
  });
});
