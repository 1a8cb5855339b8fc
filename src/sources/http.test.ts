import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { HttpClient, parseRetryAfter, redactUrl } from './http.ts';
import { startTestServer, type TestServer } from './testing/server.ts';

function rejectsWith(promise: Promise<unknown>, code: string, pattern: RegExp): Promise<void> {
  return assert.rejects(promise, (e: unknown) => {
    assert.equal((e as { code?: string }).code, code);
    assert.match((e as Error).message, pattern);
    return true;
  });
}

describe('HttpClient against a local server', () => {
  let server: TestServer;
  const slept: number[] = [];
  const client = (extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}): HttpClient =>
    new HttpClient({
      retries: 2,
      backoffBaseMs: 100,
      random: () => 0.5,
      sleep: async (ms) => {
        slept.push(ms);
      },
      ...extra,
    });

  before(async () => {
    server = await startTestServer({
      '/ok': { body: 'hello', headers: { 'content-type': 'text/plain' } },
      '/rate': [{ status: 429, headers: { 'retry-after': '2' } }, { body: 'after 429' }],
      '/flaky': [{ status: 500 }, { status: 503 }, { body: 'after 5xx' }],
      '/down': { status: 502 },
      '/always-429': { status: 429, headers: { 'retry-after': '0' } },
      '/slow-limit': { status: 429, headers: { 'retry-after': '3600' } },
      '/drop': [{ destroy: true }, { body: 'after drop' }],
      '/r1': { status: 301, headers: { location: '/r2' } },
      '/r2': { status: 302, headers: { location: 'ok' } },
      '/loop': { status: 302, headers: { location: '/loop' } },
      '/big': { body: Buffer.alloc(5000, 1) },
      '/slow': { body: 'late', delayMs: 400 },
      '/forbidden': { status: 403 },
      '/auth': (req) => ({ body: String(req.headers['authorization'] ?? 'none') }),
      '/to-other-origin': { status: 302, headers: { location: 'http://localhost:1/elsewhere' } },
    });
  });
  after(() => server.close());

  it('returns the body of a 200', async () => {
    const r = await client().get({ url: `${server.url}/ok`, what: 'x', maxBytes: 100 });
    assert.equal(r.status, 200);
    assert.equal(r.body.toString(), 'hello');
  });

  it('waits for Retry-After on 429, then succeeds', async () => {
    slept.length = 0;
    const r = await client().get({ url: `${server.url}/rate`, what: 'x', maxBytes: 100 });
    assert.equal(r.body.toString(), 'after 429');
    assert.deepEqual(slept, [2000]);
  });

  it('backs off exponentially on 5xx, then succeeds', async () => {
    slept.length = 0;
    const r = await client().get({ url: `${server.url}/flaky`, what: 'x', maxBytes: 100 });
    assert.equal(r.body.toString(), 'after 5xx');
    // base 100 then 200, each jittered to 75 % with random() = 0.5.
    assert.deepEqual(slept, [75, 150]);
  });

  it('retries a dropped connection', async () => {
    const r = await client().get({ url: `${server.url}/drop`, what: 'x', maxBytes: 100 });
    assert.equal(r.body.toString(), 'after drop');
  });

  it('says which failure it was', async () => {
    await rejectsWith(
      client().get({ url: `${server.url}/missing`, what: 'the page', maxBytes: 100 }),
      'E_NOT_FOUND',
      /Not found: the page/,
    );
    await rejectsWith(
      client().get({ url: `${server.url}/down`, what: 'x', maxBytes: 100 }),
      'E_NETWORK',
      /HTTP 502 .* after 3 attempts/,
    );
    await rejectsWith(
      client().get({ url: `${server.url}/always-429`, what: 'x', maxBytes: 100 }),
      'E_RATE_LIMITED',
      /Rate-limited/,
    );
    await rejectsWith(
      client().get({ url: `${server.url}/forbidden`, what: 'x', maxBytes: 100 }),
      'E_NETWORK',
      /HTTP 403 .*credentials/,
    );
    const gone = await startTestServer();
    await gone.close();
    await rejectsWith(
      client().get({ url: `${gone.url}/closed`, what: 'x', maxBytes: 100 }),
      'E_NETWORK',
      /Network error .*ECONNREFUSED/,
    );
  });

  it('gives up at once when Retry-After exceeds the bound', async () => {
    slept.length = 0;
    await rejectsWith(
      client().get({ url: `${server.url}/slow-limit`, what: 'x', maxBytes: 100 }),
      'E_RATE_LIMITED',
      /try again later/,
    );
    assert.deepEqual(slept, []);
    assert.equal(server.hits('/slow-limit'), 1);
  });

  it('follows redirects (relative locations too) and bounds them', async () => {
    const r = await client().get({ url: `${server.url}/r1`, what: 'x', maxBytes: 100 });
    assert.equal(r.body.toString(), 'hello');
    assert.equal(r.url, `${server.url}/ok`);
    await rejectsWith(
      client().get({ url: `${server.url}/loop`, what: 'x', maxBytes: 100 }),
      'E_NETWORK',
      /Too many redirects/,
    );
  });

  it('enforces the response size limit and the timeout', async () => {
    await rejectsWith(
      client().get({ url: `${server.url}/big`, what: 'the blob', maxBytes: 1000 }),
      'E_NETWORK',
      /the blob .*1000-byte limit/,
    );
    await rejectsWith(
      client({ timeoutMs: 50, retries: 0 }).get({ url: `${server.url}/slow`, what: 'x', maxBytes: 100 }),
      'E_NETWORK',
      /timed out/,
    );
  });

  it('moves URL credentials into a Basic header and keeps them out of messages', async () => {
    const withCreds = server.url.replace('http://', 'http://user:s3cret@');
    const r = await client().get({ url: `${withCreds}/auth`, what: 'x', maxBytes: 100 });
    assert.equal(r.body.toString(), `Basic ${Buffer.from('user:s3cret').toString('base64')}`);
    assert.ok(!r.url.includes('s3cret'));
    await assert.rejects(
      client().get({ url: `${withCreds}/missing`, what: 'x', maxBytes: 100 }),
      (e: unknown) => {
        assert.ok(!(e as Error).message.includes('s3cret'));
        return true;
      },
    );
  });

  it('refuses a redirect from https to http', async () => {
    const fakeFetch: typeof fetch = async () =>
      new Response(null, { status: 302, headers: { location: 'http://evil.example/x' } });
    await rejectsWith(
      client({ fetch: fakeFetch }).get({ url: 'https://index.example/simple/x/', what: 'x', maxBytes: 100 }),
      'E_NETWORK',
      /https to http/,
    );
  });
});

describe('helpers', () => {
  it('parses both forms of Retry-After', () => {
    assert.equal(parseRetryAfter('7', 0), 7000);
    assert.equal(parseRetryAfter(new Date(10_000).toUTCString(), 4000), 6000);
    assert.equal(parseRetryAfter('soon', 0), undefined);
    assert.equal(parseRetryAfter(null, 0), undefined);
  });

  it('removes userinfo from URLs', () => {
    assert.equal(redactUrl('https://u:p@h.example/simple/'), 'https://h.example/simple/');
  });
});
