import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createApp } from './app.ts';
import {
  BEHAVIOR,
  fixture,
  fixtureReport,
  HOSTILE_FILE,
  HOSTILE_NAME,
  HOSTILE_SNIPPET,
  ISSUE,
  indexEntry,
} from './testing/fixtures.ts';

function setup(options: Parameters<typeof fixture>[0] = {}) {
  const f = fixture(options);
  return { ...f, app: createApp(f.deps) };
}

async function page(app: ReturnType<typeof createApp>, path: string, init?: RequestInit) {
  const response = await app.request(path, init);
  return { response, body: await response.text() };
}

/** Every tag of the page: none may be a script, carry an event handler or a javascript: URL. */
function assertInert(body: string): void {
  assert.doesNotMatch(body, /<script/i);
  assert.doesNotMatch(body, /<img/i);
  assert.doesNotMatch(body, /<[^>]+\son[a-z]+\s*=/i);
  assert.doesNotMatch(body, /(href|src|action)\s*=\s*"?\s*javascript:/i);
  assert.doesNotMatch(body, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
}

const hostilePath = `/npm/${encodeURIComponent(HOSTILE_NAME)}`;

describe('assay serve pages', () => {
  it('home lists the index size per ecosystem, its date and the recent packages', async () => {
    const { app } = setup();
    const { response, body } = await page(app, '/');
    assert.equal(response.status, 200);
    assert.match(body, /<strong>3<\/strong> packages behind the prevalence figures/);
    assert.match(body, /local index: local community index/);
    assert.match(body, /built 20\d\d-\d\d-\d\d/);
    assert.match(body, /href="\/npm\/left-pad"/);
    assert.match(body, /href="\/pypi\/requests"/);
    assertInert(body);
  });

  it('search finds by name and redirects a purl to the package page', async () => {
    const { app } = setup();
    const { body } = await page(app, '/search?q=expr');
    assert.match(body, /href="\/npm\/express"/);
    const purl = await app.request('/search?q=pkg:npm/express@5.0.0');
    assert.equal(purl.status, 303);
    assert.equal(purl.headers.get('location'), '/npm/express/5.0.0');
    const none = await page(app, '/search?q=nothing-like-this');
    assert.match(none.body, /None\./);
  });

  it('a package page from a full report shows verdict, issues with prevalence bars and denominators, behaviors, components, versions', async () => {
    const { app } = setup();
    const { response, body } = await page(app, '/npm/express');
    assert.equal(response.status, 200);
    assert.match(body, /class="verdict verdict-fail">fail</);
    assert.match(body, /Top issues \(1\)/);
    assert.match(body, new RegExp(`href="/issues/${ISSUE}"`));
    assert.match(body, /<meter min="0" max="2" value="1"/);
    assert.match(body, /1 of 2 indexed/);
    assert.match(body, /3 of 4/);
    assert.match(body, /Next steps/);
    assert.match(body, /Top behaviors \(1\)/);
    assert.match(body, new RegExp(`href="/behaviors/${BEHAVIOR}"`));
    assert.match(
      body,
      /href="\/npm\/express\/5\.0\.0\/evidence\?kind=behavior&amp;id=executes-process&amp;n=0"/,
    );
    assert.match(body, /Top vulnerabilities/);
    assert.match(body, /href="\/npm\/left-pad"/);
    assert.match(body, /href="\/npm\/express\/4\.21\.0"/);
    assert.match(body, /1 indexed packages depend on it|0 indexed packages/);
    assertInert(body);
  });

  it('a version known only to the index shows its findings with an estimated verdict and offers a scan', async () => {
    const { app } = setup();
    const { response, body } = await page(app, '/npm/express/4.21.0');
    assert.equal(response.status, 200);
    assert.match(body, /From the community index/);
    assert.match(body, /verdict-pass/);
    assert.match(body, /Evidence is kept with full reports only/);
    assert.match(body, /href="\/scan\?target=npm%3Aexpress%404\.21\.0"/);
  });

  it('an unknown package or ecosystem is a 404 page', async () => {
    const { app } = setup();
    assert.equal((await app.request('/npm/no-such-package')).status, 404);
    assert.equal((await app.request('/cargo/serde')).status, 404);
    assert.equal((await app.request('/npm/express/5.0.0/extra/parts')).status, 404);
  });

  it('the evidence view shows the excerpt with its line marked, escaped', async () => {
    const { app } = setup();
    const { response, body } = await page(
      app,
      '/npm/express/5.0.0/evidence?kind=behavior&id=executes-process&n=0',
    );
    assert.equal(response.status, 200);
    assert.match(
      body,
      /<tr class="hit" id="marked"><td class="n">3<\/td><td>&lt;\/pre&gt;&lt;img src=x onerror=alert\(1\)&gt;<\/td>/,
    );
    assertInert(body);
    const bad = await app.request('/npm/express/5.0.0/evidence?kind=nope&id=x');
    assert.equal(bad.status, 400);
    const missing = await app.request('/npm/express/5.0.0/evidence?kind=behavior&id=executes-process&n=9');
    assert.equal(missing.status, 404);
  });

  it('catalog pages show the description, prevalence per ecosystem and the most popular packages showing it', async () => {
    const { app } = setup();
    const { response, body } = await page(app, `/behaviors/${BEHAVIOR}`);
    assert.equal(response.status, 200);
    assert.match(body, /<h3>npm<\/h3>/);
    assert.match(body, /of 3/);
    const express = body.indexOf('href="/npm/express/5.0.0"');
    const hostile = body.indexOf(`href="/npm/${encodeURIComponent(HOSTILE_NAME)}/1.0.0"`);
    assert.ok(express > 0 && hostile > express, 'ranked packages come first');
    assertInert(body);
    const issue = await page(app, `/issues/${ISSUE}`);
    assert.equal(issue.response.status, 200);
    assert.match(issue.body, /Reads the behaviors/);
    assert.equal((await app.request('/behaviors/no-such-behavior')).status, 404);
    const list = await page(app, '/catalog');
    assert.match(list.body, new RegExp(`href="/behaviors/${BEHAVIOR}"`));
  });

  it('the stylesheet is served with a long cache life', async () => {
    const { app } = setup();
    const response = await app.request('/static/site.css');
    assert.equal(response.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.match(response.headers.get('cache-control') ?? '', /max-age=86400/);
  });
});

describe('assay serve: hostile content stays inert', () => {
  it('a package named <script>alert(1)</script> is shown as text, with evidence and file names escaped', async () => {
    const { app } = setup();
    const { response, body } = await page(app, hostilePath);
    assert.equal(response.status, 200);
    assert.match(
      body,
      /<h1>&lt;script&gt;alert\(1\)&lt;\/script&gt; <span class="muted">1\.0\.0<\/span><\/h1>/,
    );
    assert.match(body, /&lt;\/pre&gt;&lt;img src=x onerror=alert\(1\)&gt;/);
    // The control characters of the file name are shown as escapes, never sent raw.
    assert.match(body, /lib\/\\u001b\[31mevil\\u0007\\u000d\\u000aname\.js:3:1/);
    assert.ok(!body.includes(HOSTILE_FILE));
    assert.ok(!body.includes(HOSTILE_SNIPPET));
    assertInert(body);
  });

  it('a javascript: URL of a component is shown as text, never as a link', async () => {
    const { app } = setup();
    const { body } = await page(app, hostilePath);
    assert.match(body, /<span class="url">javascript:alert\(document\.cookie\)<\/span>/);
    assertInert(body);
  });

  it('the hostile evidence view and search stay inert', async () => {
    const { app } = setup();
    const evidence = await page(app, `${hostilePath}/1.0.0/evidence?kind=issue&id=${ISSUE}&n=0`);
    assert.equal(evidence.response.status, 200);
    assertInert(evidence.body);
    const search = await page(app, `/search?q=${encodeURIComponent(`"><script>alert(1)</script>`)}`);
    assert.equal(search.response.status, 200);
    assert.match(search.body, /value="&quot;&gt;&lt;script&gt;/);
    assertInert(search.body);
  });

  it('every response carries the security headers: CSP without script, nosniff, no referrer, no framing', async () => {
    const { app } = setup();
    for (const path of ['/', hostilePath, '/api/v1/index', '/nope', '/api/v1/nope']) {
      const response = await app.request(path);
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /default-src 'none'/);
      assert.match(csp, /script-src 'none'/);
      assert.match(csp, /frame-ancestors 'none'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
      assert.equal(response.headers.get('x-frame-options'), 'DENY');
    }
  });

  it('links to package URLs carry rel="noopener noreferrer nofollow"', async () => {
    const { app, reports } = setup();
    const report = reports.get('npm', 'express', '5.0.0')!;
    reports.put({
      ...report,
      components: (report.components ?? []).map((c) =>
        c.role === 'dependency' ? { ...c, url: 'https://example.test/left-pad"onmouseover="x' } : c,
      ),
    });
    const { body } = await page(app, '/npm/express/5.0.0');
    assert.match(
      body,
      /<a href="https:\/\/example\.test\/left-pad%22onmouseover=%22x" rel="noopener noreferrer nofollow" class="url">/,
    );
  });
});

describe('assay serve: caching', () => {
  it('pages have an ETag and a Cache-Control, and a repeat view with If-None-Match is a 304', async () => {
    const { app } = setup();
    for (const path of ['/npm/express', `/behaviors/${BEHAVIOR}`, '/api/v1/packages/npm/express']) {
      const first = await app.request(path);
      const tag = first.headers.get('etag');
      assert.ok(tag, `${path} has an ETag`);
      assert.match(first.headers.get('cache-control') ?? '', /max-age=60/);
      const second = await app.request(path, { headers: { 'If-None-Match': tag } });
      assert.equal(second.status, 304);
      assert.equal(await second.text(), '');
    }
  });

  it('a kept page is rendered again once the index or the reports change', async () => {
    const { app, store, reports } = setup();
    const { body: before } = await page(app, '/npm/left-pad');
    assert.match(before, /left-pad <span class="muted">1\.3\.0<\/span>/);
    store.recordScan(indexEntry('npm', 'left-pad', '1.4.0', [], 80, '2026-12-05T00:00:00.000Z'));
    const { body: indexed } = await page(app, '/npm/left-pad');
    assert.match(indexed, /left-pad <span class="muted">1\.4\.0<\/span>/);
    assert.match(indexed, /From the community index/);
    reports.put(fixtureReport('npm', 'left-pad', '1.4.0'));
    const { body: reported } = await page(app, '/npm/left-pad');
    assert.doesNotMatch(reported, /From the community index/);
  });

  it('scan pages are never cached', async () => {
    const { app } = setup();
    assert.equal((await app.request('/scan')).headers.get('cache-control'), 'no-store');
  });
});

describe('assay serve: scans on request', () => {
  it('a scan by name goes through a progress page to the report', async () => {
    const { app, deps, scanned } = setup();
    const form = new URLSearchParams({ target: 'npm:left-pad@1.3.0' });
    const submitted = await app.request('/scan', { method: 'POST', body: form });
    assert.equal(submitted.status, 303);
    const location = submitted.headers.get('location') ?? '';
    assert.match(location, /^\/scans\/[0-9a-f-]{36}$/);
    await deps.runner?.idle();
    assert.deepEqual(scanned, ['npm:left-pad@1.3.0']);
    const { body } = await page(app, location);
    assert.match(body, /scanned-pkg/);
    assert.match(body, /verdict-fail/);
  });

  it('shows progress while the scan runs, refreshing without script', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { app, deps } = setup({
      scanner: async () => {
        await gate;
        const { fixtureReport } = await import('./testing/fixtures.ts');
        return fixtureReport('npm', 'slow', '1.0.0');
      },
    });
    const submitted = await app.request('/scan', {
      method: 'POST',
      body: new URLSearchParams({ target: 'npm:slow' }),
    });
    const { body } = await page(app, submitted.headers.get('location') ?? '');
    assert.match(body, /<meta http-equiv="refresh" content="2">/);
    assert.match(body, /<strong>running<\/strong>/);
    assertInert(body);
    release();
    await deps.runner?.idle();
  });

  it('uploads are scanned under a name the server makes, and size-limited', async () => {
    const { app, deps, scanned } = setup();
    const form = new FormData();
    form.set('file', new File([new Uint8Array(100)], `${HOSTILE_NAME}.tgz`));
    const submitted = await app.request('/scan', { method: 'POST', body: form });
    assert.equal(submitted.status, 303);
    await deps.runner?.idle();
    assert.deepEqual(scanned, [`${HOSTILE_NAME}.tgz`]);
    const big = new FormData();
    big.set('file', new File([new Uint8Array(200 * 1024)], 'big.tgz'));
    const refused = await app.request('/scan', { method: 'POST', body: big });
    assert.equal(refused.status, 413);
    const wrong = new FormData();
    wrong.set('file', new File([new Uint8Array(10)], 'notes.txt'));
    assert.equal((await app.request('/scan', { method: 'POST', body: wrong })).status, 400);
  });

  it('local paths and odd targets are refused with a 400', async () => {
    const { app, scanned } = setup();
    for (const target of ['/etc/passwd', '../x.tgz', '', 'pkg:cargo/serde']) {
      const response = await app.request('/scan', { method: 'POST', body: new URLSearchParams({ target }) });
      assert.equal(response.status, 400, target);
    }
    assert.deepEqual(scanned, []);
  });

  it('a server started without scans refuses them', async () => {
    const { app } = setup({ scans: false });
    const response = await app.request('/api/v1/scans', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target: 'npm:left-pad' }),
    });
    assert.equal(response.status, 403);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'E_SCANS_DISABLED');
  });
});

describe('assay serve: errors', () => {
  it('malformed API requests get a 4xx JSON error and internal errors no stack trace', async () => {
    const { app, deps } = setup();
    const bad = await app.request('/api/v1/scans', { method: 'POST', body: '{not json' });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { error: { code: string } }).error.code, 'E_USAGE');
    const search = await app.request('/api/v1/search');
    assert.equal(search.status, 400);
    assert.match(search.headers.get('content-type') ?? '', /application\/json/);
    const broken = createApp({
      ...deps,
      index: {
        ...deps.index,
        sources: async () => {
          throw new Error('secret detail at /srv/x.ts:12');
        },
        revision: deps.index.revision.bind(deps.index),
        indexedCounts: deps.index.indexedCounts.bind(deps.index),
        recent: deps.index.recent.bind(deps.index),
        search: deps.index.search.bind(deps.index),
        package: deps.index.package.bind(deps.index),
        prevalence: deps.index.prevalence.bind(deps.index),
        packagesShowing: deps.index.packagesShowing.bind(deps.index),
        close: deps.index.close.bind(deps.index),
      },
    });
    for (const path of ['/', '/api/v1/index']) {
      const response = await broken.request(path);
      assert.equal(response.status, 500);
      const text = await response.text();
      assert.doesNotMatch(text, /secret detail|\.ts:\d+|\n\s+at /);
    }
  });
});
