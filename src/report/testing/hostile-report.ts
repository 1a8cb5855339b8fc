import type { Report } from '../model.ts';
import { sampleReport } from './sample-report.ts';

/** The sample report with package strings crafted to break out of Markdown, HTML and JSON contexts. */
export const HOSTILE_NAME =
  'evil`</code><img src=x onerror=alert(1)>|@octocat **bold** [x](javascript:alert(1))\u202e';

export const hostileReport: Report = {
  ...sampleReport,
  target: { ...sampleReport.target, name: HOSTILE_NAME, version: '1.0.0<script>alert(2)</script>' },
  vulnerabilities: [
    {
      id: 'GHSA-|x|-`y`',
      aliases: [],
      summary: '<script>alert(4)</script>',
      component: { ecosystem: 'npm', name: HOSTILE_NAME, version: '1.0.0|2' },
      matchedOn: 'version',
      fixedVersions: ['1.0.1|<b>'],
    },
  ],
  issues: sampleReport.issues.map((issue) => ({
    ...issue,
    detail: `</details><script>alert(3)</script> from ${HOSTILE_NAME}`,
    evidence: [
      ...issue.evidence,
      {
        component: `pkg:npm/${HOSTILE_NAME}@1.0.0`,
        file: 'lib/<b>x</b>|y.js',
        line: 3,
        snippet: '```\n</details>\n<!-- -->@here',
      },
    ],
  })),
};
