import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  buildMaliciousFromOsv,
  buildMaliciousFromTsv,
  buildNpmHighImpact,
  buildPypiTop,
  buildTyposquats,
  namesFromJsModule,
  type Provenance,
} from './build.ts';

const prov: Provenance = {
  source: 'test',
  sourceUrl: 'https://example.test/',
  sourceRevision: 'r1',
  licence: 'CC0-1.0',
  generated: '2026-01-01',
  generatedFrom: 'shared-copy',
};

describe('snapshot builders', () => {
  it('PyPI ranking: PEP 503 names, sorted by downloads, date from last_update', () => {
    const snap = buildPypiTop(
      JSON.stringify({
        last_update: '2026-04-01 06:34:06',
        rows: [
          { project: 'Typing_Extensions', download_count: 5 },
          { project: 'boto3', download_count: 9 },
        ],
      }),
      prov,
    );
    assert.deepEqual(snap.names, ['boto3', 'typing-extensions']);
    assert.deepEqual(snap.downloads30d, [9, 5]);
    assert.equal(snap.sourceDate, '2026-04-01');
    assert.throws(() => buildPypiTop('{"rows": []}', prov), /no rows/);
  });

  it('npm lists are read from the module text without evaluating it', () => {
    const js = 'export const topDownload = [\n  \'semver\',\n  "@types/node",\n]\n';
    assert.deepEqual(namesFromJsModule(js), ['semver', '@types/node']);
    const snap = buildNpmHighImpact(js, "export const topDependent = ['react', 'semver']", prov);
    assert.equal(snap.rows, 3);
    assert.deepEqual(snap.topDependent, ['react', 'semver']);
  });

  it('malicious TSV: withdrawn rows are dropped and counted, "every version" is compacted', () => {
    const tsv = [
      'ecosystem\tname\tosv_id\taffected_versions\tpublished\tmodified\twithdrawn\tdir\tfinders\torigin_sources',
      'npm\tbad-pkg\tMAL-1\tRANGE:introduced=0\t\t\t\tmalicious\t\t',
      'PyPI\tEvil_Pkg\tMAL-2\t1.0,1.1\t\t\t\tmalicious\t\t',
      'npm\tfalse-alarm\tMAL-3\t35.0.0\t\t\t2024-07-01T05:16:00Z\twithdrawn\t\t',
      'crates.io\tother\tMAL-4\t1.0.0\t\t\t\tmalicious\t\t',
    ].join('\n');
    const snap = buildMaliciousFromTsv(tsv, prov);
    assert.equal(snap.rows, 2);
    assert.equal(snap.withdrawnExcluded, 1);
    assert.equal(snap.recordsOrder, 'ecosystem-name');
    assert.equal(snap.records, 'npm\tbad-pkg\tMAL-1\t*\npypi\tevil-pkg\tMAL-2\t1.0,1.1');
  });

  it('OSV records from the network export: ranges and withdrawn', () => {
    const snap = buildMaliciousFromOsv(
      [
        {
          id: 'MAL-9',
          affected: [
            {
              package: { ecosystem: 'npm', name: 'x' },
              ranges: [{ type: 'SEMVER', events: [{ introduced: '1.0.0' }, { fixed: '1.2.0' }] }],
            },
          ],
        },
        { id: 'MAL-10', withdrawn: '2024-01-01T00:00:00Z', affected: [] },
        { id: 'GHSA-xxxx', affected: [] },
      ],
      prov,
    );
    assert.equal(snap.records, 'npm\tx\tMAL-9\tRANGE:introduced=1.0.0;fixed=1.2.0');
    assert.equal(snap.withdrawnExcluded, 1);
  });

  it('typosquat CSV: PyPI/npm only, columns by header name', () => {
    const csv =
      'malicious_package,target_package,ecosystem,registry,classification,source\n' +
      'Reqeusts,requests,pypi,x,transposition,s\ncrossenv,cross-env,npm,x,delimiter,s\nfoo,bar,go,x,other,s\n';
    assert.deepEqual(buildTyposquats(csv, prov).pairs, [
      ['reqeusts', 'requests', 'pypi', 'transposition'],
      ['crossenv', 'cross-env', 'npm', 'delimiter'],
    ]);
  });
});
