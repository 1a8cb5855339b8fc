import assert from 'node:assert/strict';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isAssayError } from '../../core/errors.ts';
import { readProject } from './index.ts';
import { parseRequirementsTxt } from './requirements-txt.ts';
import { one } from './testing/fixtures.ts';

// pip's own syntax for environment variables, which a template string would otherwise expand.
const VERSION_VAR = ['$', '{REQUESTS_VERSION}'].join('');
const FILE_VAR = ['$', '{EXTRA_REQUIREMENTS}'].join('');

async function project(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'assay-req-root-'));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

describe('requirements includes stay inside the project', () => {
  it('refuses absolute includes and includes that climb out, without reading or echoing them', async () => {
    const outside = await project({ 'secret.txt': 'root:$6$SECRETHASH:19000:0:99999:7:::\n' });
    const dir = await project({
      'app/requirements.txt': `-r ${join(outside, 'secret.txt')}\n-c ../../${outside.split('/').pop()}/secret.txt\nflask==3.0.0\n`,
    });
    const parsed = await parseRequirementsTxt([join(dir, 'app', 'requirements.txt')]);
    assert.deepEqual(
      parsed.components.map((c) => c.name),
      ['flask'],
    );
    assert.deepEqual(
      parsed.problems?.map((p) => [p.kind, p.line]),
      [
        ['include-outside-project', 1],
        ['include-outside-project', 2],
      ],
    );
    assert.equal(parsed.files?.length, 1, 'only the project file was read');
    assert.ok(!JSON.stringify(parsed).includes('SECRETHASH'));
  });

  it('refuses an include that is a link to a file outside', async () => {
    const outside = await project({ 'other.txt': 'evil==1.0\n' });
    const dir = await project({ 'requirements.txt': '-r linked.txt\nflask==3.0.0\n' });
    await symlink(join(outside, 'other.txt'), join(dir, 'linked.txt'));
    const parsed = await parseRequirementsTxt([join(dir, 'requirements.txt')]);
    assert.deepEqual(
      parsed.components.map((c) => c.name),
      ['flask'],
    );
    assert.equal(parsed.problems?.[0]?.kind, 'include-outside-project');
  });

  it('an error quotes a foreign line only as a short escaped excerpt', async () => {
    const dir = await project({
      'requirements.txt': `!!! ${'x'.repeat(200)} \u001b[2J not a requirement\n`,
    });
    await assert.rejects(parseRequirementsTxt([join(dir, 'requirements.txt')]), (e: unknown) => {
      assert.ok(isAssayError(e));
      assert.ok(!e.message.includes('\u001b'), 'no raw control character');
      assert.ok(!e.message.includes('x'.repeat(60)), 'at most a short excerpt');
      return true;
    });
  });

  it('a missing -c file and environment variables are problems; the rest of the file is still read', async () => {
    const dir = await project({
      'requirements.txt': `-c constraints.txt\nrequests==${VERSION_VAR}\nflask==3.0.0\n-r ${FILE_VAR}\n`,
    });
    const result = await readProject(dir);
    assert.equal(one(result.components, 'flask').version, '3.0.0');
    const requests = one(result.components, 'requests');
    assert.equal(requests.version, undefined);
    assert.equal(requests.specifier, `==${VERSION_VAR}`);
    assert.deepEqual(
      result.problems.map((p) => [p.kind, p.line]),
      [
        ['include-missing', 1],
        ['unexpanded-variable', 2],
        ['unexpanded-variable', 4],
      ],
    );
  });
});
