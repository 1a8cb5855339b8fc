import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { profileTable } from '../../src/config/profiles.ts';
import { defaultCatalog } from '../../src/scan/scan.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const DOC = readFileSync(join(ROOT, 'docs', 'ci.md'), 'utf8');
const BIN = join(ROOT, 'bin', 'assay.js');
let dir: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'assay-ci-docs-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** The first yaml block after a heading of docs/ci.md. */
function yamlAfter(heading: string): unknown {
  const start = DOC.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, heading);
  const block = /```yaml\n([\s\S]*?)```/.exec(DOC.slice(start));
  assert.ok(block?.[1], `no yaml block under ${heading}`);
  return parseYaml(block[1]);
}

function githubCommands(): string[] {
  const workflow = yamlAfter('GitHub Actions') as {
    jobs: { assay: { steps: { run?: string; uses?: string }[] } };
  };
  const steps = workflow.jobs.assay.steps;
  assert.ok(steps.some((step) => step.uses?.startsWith('github/codeql-action/upload-sarif')));
  return steps.flatMap((step) => (step.run?.startsWith('npx --yes assay ') ? [step.run] : []));
}

function gitlabCommands(): string[] {
  const job = yamlAfter('GitLab CI') as {
    assay: { script: string[]; artifacts: { reports: { cyclonedx: string } } };
  };
  assert.equal(job.assay.artifacts.reports.cyclonedx, 'gl-sbom-npm.cdx.json');
  return job.assay.script;
}

/** Runs a documented command the way the CI shell would, with this checkout's assay in place of npx. */
function runDocumented(command: string, cwd: string): number {
  assert.match(
    command,
    /^npx --yes assay scan [\w .-]+$/,
    'documented commands stay plain (no shell features)',
  );
  const result = spawnSync('sh', ['-c', command.replace('npx --yes assay', `node ${JSON.stringify(BIN)}`)], {
    cwd,
    env: {
      ...process.env,
      ASSAY_OFFLINE: '1',
      ASSAY_DB: join(dir, 'none.db'),
      ASSAY_CACHE_DIR: join(dir, 'cache'),
    },
    encoding: 'utf8',
  });
  assert.ok(result.status !== null && result.status <= 1, `${command}: ${result.status} ${result.stderr}`);
  return result.status;
}

function fixtureProjects(): { failing: string; clean: string } {
  const failing = join(dir, 'failing');
  cpSync(join(ROOT, 'src', 'scan', 'fixtures', 'project-npm'), failing, { recursive: true });
  const clean = join(dir, 'clean');
  mkdirSync(clean);
  writeFileSync(
    join(clean, 'package.json'),
    JSON.stringify({ name: 'clean', version: '1.0.0', dependencies: { express: '^4.18.2' } }),
  );
  writeFileSync(
    join(clean, 'package-lock.json'),
    JSON.stringify({
      name: 'clean',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'clean', version: '1.0.0', dependencies: { express: '^4.18.2' } },
        'node_modules/express': {
          version: '4.18.2',
          resolved: 'https://registry.npmjs.org/express/-/express-4.18.2.tgz',
        },
      },
    }),
  );
  return { failing, clean };
}

test('the profile table in docs/ci.md is the one the code applies', () => {
  const table = /<!-- profiles:start -->\n([\s\S]*?)\n<!-- profiles:end -->/.exec(DOC)?.[1];
  assert.equal(table, profileTable(defaultCatalog.policies));
});

test('the documented GitHub Actions and GitLab CI commands run on fixture projects', () => {
  const projects = fixtureProjects();
  for (const [name, commands] of [
    ['github', githubCommands()],
    ['gitlab', gitlabCommands()],
  ] as const) {
    assert.ok(commands.length >= 2, name);
    for (const [kind, cwd] of Object.entries(projects)) {
      for (const command of commands) {
        const code = runDocumented(command, cwd);
        // Dashboard outputs never fail the step; the gate fails on the failing project only.
        const expected = command.includes('--fail-on never') || kind === 'clean' ? 0 : 1;
        assert.equal(code, expected, `${name} ${kind}: ${command}`);
        const output = /--output (\S+)/.exec(command)?.[1] ?? '';
        assert.ok(existsSync(join(cwd, output)), `${command} wrote ${output}`);
      }
    }
  }
  const sarif = JSON.parse(readFileSync(join(projects.failing, 'assay.sarif'), 'utf8')) as {
    version: string;
    runs: { results: unknown[] }[];
  };
  assert.equal(sarif.version, '2.1.0');
  assert.ok((sarif.runs[0]?.results.length ?? 0) > 0);
  assert.match(readFileSync(join(projects.failing, 'assay.md'), 'utf8'), /^## assay: FAIL/);
  assert.match(readFileSync(join(projects.clean, 'assay.md'), 'utf8'), /^## assay: PASS/);
  const sbom = JSON.parse(readFileSync(join(projects.failing, 'gl-sbom-npm.cdx.json'), 'utf8')) as {
    bomFormat: string;
  };
  assert.equal(sbom.bomFormat, 'CycloneDX');
  assert.match(readFileSync(join(projects.failing, 'assay.html'), 'utf8'), /^<!DOCTYPE html>/);
});
