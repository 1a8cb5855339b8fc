import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { parseSetupCfg } from './setup-cfg.ts';
import { fixture, one } from './testing/fixtures.ts';

describe('setup.cfg', () => {
  it('reads multi-line install_requires with comments, tests_require and extras', async () => {
    const file = fixture('setup-cfg', 'setup.cfg');
    const { components } = parseSetupCfg(file, await readFile(file, 'utf8'));
    assert.deepEqual(
      components.map((c) => c.name),
      ['click', 'jinja2', 'colorama', 'pytest', 'sphinx'],
    );
    assert.equal(one(components, 'jinja2').version, '3.1.3');
    assert.equal(one(components, 'jinja2').declaredIn.line, 10);
    assert.equal(one(components, 'colorama').marker, 'platform_system == "Windows"');
    assert.equal(one(components, 'pytest').dev, true);
    assert.equal(one(components, 'sphinx').dev, true);
  });

  it('splits a one-line value on semicolons and keeps option names case-insensitive', () => {
    const { components } = parseSetupCfg('setup.cfg', '[options]\nInstall-Requires = a>=1; b\n');
    assert.deepEqual(
      components.map((c) => c.name),
      ['a', 'b'],
    );
  });

  it('reads section names exactly, as configparser and setuptools do', () => {
    const { components } = parseSetupCfg('setup.cfg', '[Options]\ninstall_requires = a\n');
    assert.deepEqual(components, []);
  });
});
