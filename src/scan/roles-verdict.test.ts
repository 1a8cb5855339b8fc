import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { osvRecordsSource } from '../vulns/testing/osv-records.ts';
import { scanProject } from './project.ts';

const lockfiles = fileURLToPath(new URL('../sources/manifests/fixtures/express-debug/', import.meta.url));

/** A critical advisory written for this test on debug below 2.6.10: express 4.17.1 needs debug 2.6.9 at run time. */
const DEBUG_ADVISORY = {
  id: 'GHSA-test-debu-g269',
  modified: '2030-01-01T00:00:00Z',
  summary: 'A flaw written for this test',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
  affected: [
    {
      package: { ecosystem: 'npm', name: 'debug' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2.6.10' }] }],
    },
  ],
};

describe('one project, four lockfiles, one verdict', () => {
  it('npm 11, yarn 1, yarn 4 and pnpm 9 give the same verdict on a production debug 2.6.9', async () => {
    const outcomes: string[] = [];
    for (const lock of ['npm', 'yarn1', 'yarn4', 'pnpm9']) {
      const result = await scanProject(join(lockfiles, lock), {
        offline: true,
        vulnerabilities: osvRecordsSource([DEBUG_ADVISORY]),
      });
      const vulnerabilityIssues = result.issues
        .filter((issue) => issue.id.includes('vulnerab'))
        .map((issue) => `${issue.id}:${issue.severity}`)
        .sort();
      outcomes.push(`${result.verdict.level} ${vulnerabilityIssues.join(',')}`);
    }
    assert.equal(new Set(outcomes).size, 1, outcomes.join('\n'));
    assert.match(
      outcomes[0] ?? '',
      /^fail /,
      'a production dependency with a critical advisory fails the project',
    );
  });
});
