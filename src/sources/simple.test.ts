import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeEntities, parseSimpleHtml, parseSimpleJson, parseSimpleProject } from './simple.ts';
import { readFixture } from './testing/registry.ts';

const PAGE = 'https://index.example/simple/demo-pkg/';

describe('PEP 503 HTML', () => {
  const project = parseSimpleHtml(readFixture('pypi/simple-demo-pkg.html'), PAGE);

  it('reads every anchor, resolving relative hrefs and splitting the hash fragment', () => {
    assert.equal(project.files.length, 7);
    const sdist = project.files.find((f) => f.filename === 'demo_pkg-1.0.tar.gz');
    assert.ok(sdist);
    assert.equal(sdist.url, 'https://index.example/files/demo_pkg-1.0.tar.gz');
    assert.equal(sdist.hashes['sha256'], 'a34e91fe49be66af7446c8363c7c29dd053328583f3563126bff42a4e6c3e706');
    assert.equal(sdist.requiresPython, '>=3.8', 'entity-encoded &gt; is decoded');
    assert.equal(sdist.yanked, false);
  });

  it('reads PEP 592 data-yanked with its reason', () => {
    const yanked = project.files.find((f) => f.filename === 'demo_pkg-1.1.tar.gz');
    assert.equal(yanked?.yanked, true);
    assert.equal(yanked?.yankedReason, 'broken build');
    const bare = parseSimpleHtml(Buffer.from('<a href="x-1.0.tar.gz" data-yanked>x-1.0.tar.gz</a>'), PAGE);
    assert.equal(bare.files[0]?.yanked, true);
    assert.equal(bare.files[0]?.yankedReason, undefined);
  });

  it('copes with hostile or sloppy markup', () => {
    const html = [
      '<base href="https://files.example/pkgs/">',
      '<A HREF=\'a-1.0.zip\' data-requires-python=">=3.6">a-1.0.zip</A>',
      '<a href="javascript:alert(1)">evil</a>',
      '<a href="b-1.0.tar.gz#md5=ABC"><span>b-1.0.tar.gz</span></a>',
      '<abbr>not an anchor</abbr>',
      '<a href="never-closed',
    ].join('\n');
    const p = parseSimpleHtml(Buffer.from(html), PAGE);
    assert.deepEqual(
      p.files.map((f) => [f.filename, f.url, f.requiresPython ?? null, f.hashes['md5'] ?? null]),
      [
        ['a-1.0.zip', 'https://files.example/pkgs/a-1.0.zip', '>=3.6', null],
        ['b-1.0.tar.gz', 'https://files.example/pkgs/b-1.0.tar.gz', null, 'abc'],
      ],
    );
    // Many unclosed anchors must not take quadratic time.
    const start = Date.now();
    parseSimpleHtml(Buffer.from('<a href="x">'.repeat(200_000)), PAGE);
    assert.ok(Date.now() - start < 2000);
  });

  it('decodes numeric and named character references', () => {
    assert.equal(decodeEntities('&lt;4&#44;&#x3e;=3 &amp; &bogus;'), '<4,>=3 & &bogus;');
  });
});

describe('PEP 691 JSON', () => {
  it('reads files, hashes, yanked reasons and the PEP 700 fields', () => {
    const p = parseSimpleJson(readFixture('pypi/simple-demo-pkg.json'), PAGE);
    assert.equal(p.name, 'demo-pkg');
    assert.deepEqual(p.versions, ['0.8', '0.9', '1.0', '1.1', '2.0b1']);
    const yanked = p.files.find((f) => f.filename === 'demo_pkg-1.1.tar.gz');
    assert.deepEqual(
      [yanked?.yanked, yanked?.yankedReason, yanked?.url],
      [true, 'broken build', 'https://index.example/files/demo_pkg-1.1.tar.gz'],
    );
    const wheel = p.files.find((f) => f.filename === 'demo_pkg-1.0-py3-none-any.whl');
    assert.equal(wheel?.size, 20);
    assert.equal(wheel?.uploadTime, '2021-02-03T04:07:00.000000Z');
  });

  it('refuses an unknown major API version and malformed documents', () => {
    const v2 = Buffer.from(JSON.stringify({ meta: { 'api-version': '2.0' }, name: 'x', files: [] }));
    assert.throws(
      () => parseSimpleJson(v2, PAGE),
      (e: unknown) => (e as { code?: string }).code === 'E_METADATA',
    );
    const bad = Buffer.from(JSON.stringify({ meta: { 'api-version': '1.0' }, files: [{ filename: 1 }] }));
    assert.throws(
      () => parseSimpleJson(bad, PAGE),
      /Unexpected shape of the Simple API JSON .*field files\.0\.filename/,
    );
  });

  it('resolves the PEP 740 provenance link of a file, in JSON and in HTML', () => {
    const page = 'https://index.example/simple/demo/';
    const json = parseSimpleJson(
      Buffer.from(
        JSON.stringify({
          meta: { 'api-version': '1.3' },
          files: [
            { filename: 'demo-1.0.tar.gz', url: '../../f/demo-1.0.tar.gz', hashes: {}, provenance: '/i/p' },
            { filename: 'demo-0.9.tar.gz', url: '../../f/demo-0.9.tar.gz', hashes: {}, provenance: null },
          ],
        }),
      ),
      page,
    );
    const html = parseSimpleHtml(
      Buffer.from('<a href="../../f/demo-1.0.tar.gz" data-provenance="/i/p">demo-1.0.tar.gz</a>'),
      page,
    );
    assert.deepEqual(
      [json.files[0]?.provenance, json.files[1]?.provenance, html.files[0]?.provenance],
      ['https://index.example/i/p', undefined, 'https://index.example/i/p'],
    );
  });

  it('chooses the parser by Content-Type', () => {
    const json = readFixture('pypi/simple-demo-pkg.json');
    assert.equal(parseSimpleProject(json, 'application/vnd.pypi.simple.v1+json', PAGE).versions?.length, 5);
    const html = readFixture('pypi/simple-demo-pkg.html');
    assert.equal(parseSimpleProject(html, 'text/html; charset=utf-8', PAGE).files.length, 7);
  });
});
