import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { renderJson } from './render-json.ts';
import { renderText } from './render-text.ts';
import { sampleReport } from './testing/sample-report.ts';

const snapshots = join(import.meta.dirname, '__snapshots__');

/** Compares with the stored snapshot; UPDATE_SNAPSHOTS=1 rewrites it after a deliberate change. */
function matchSnapshot(name: string, actual: string): void {
  const path = join(snapshots, name);
  if (process.env['UPDATE_SNAPSHOTS'] === '1') writeFileSync(path, actual);
  assert.equal(actual, readFileSync(path, 'utf8'));
}

test('text report matches its snapshot', () => {
  matchSnapshot('sample.txt', renderText(sampleReport, { color: false, maxEvidence: 3, width: 100 }));
});

test('json report matches its snapshot and parses back', () => {
  const json = renderJson(sampleReport);
  matchSnapshot('sample.json', json);
  const parsed = JSON.parse(json) as { schemaVersion: string; target: { name: string } };
  assert.equal(parsed.schemaVersion, '1.0.0');
});

test('text report never lets package strings put control characters on the terminal', () => {
  const text = renderText(sampleReport, { color: false, maxEvidence: 10, width: 100 });
  assert.doesNotMatch(text, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  assert.match(text, /demo\\x1b\[31mpkg/);
  assert.match(text, /\\u\{202e\}/);
});

test('text report shows the three parts and says when data is missing', () => {
  const text = renderText(sampleReport, { color: false, maxEvidence: 3, width: 100 });
  assert.match(text, /Top issues \(1\)/);
  assert.match(text, /Top behaviors \(2\)/);
  assert.match(text, /No vulnerabilities found\./);
  assert.match(text, /No prevalence information at this time/);
  assert.match(
    text,
    /34 of 100 in Top 100 · 261 of 1,000 in Top 1k · Top 10k not covered \(4,200 of its 10,000 indexed\)/,
  );
  assert.match(text, /… and 2 more/);
});
