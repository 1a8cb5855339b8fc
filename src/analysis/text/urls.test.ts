import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractUrls, extractUrlsWithProblems, parseUrl, trimUrlCandidate } from './urls.ts';

function urlsOf(text: string): string[] {
  return extractUrls('f.txt', Buffer.from(text)).map((u) => u.url);
}

describe('extractUrls: plain text', () => {
  test('finds http, https, ftp, ws and wss URLs with 1-based line and column', () => {
    const text =
      'a\n  x = "https://example.org/a"\nftp://files.example.net/pub ws://h.example/s wss://h.example/t\n';
    const found = extractUrls('pkg/mod.py', Buffer.from(text));
    assert.deepEqual(
      found.map((u) => [u.url, u.line, u.column, u.scheme, u.host, u.encoding]),
      [
        ['https://example.org/a', 2, 8, 'https', 'example.org', 'plain'],
        ['ftp://files.example.net/pub', 3, 1, 'ftp', 'files.example.net', 'plain'],
        ['ws://h.example/s', 3, 29, 'ws', 'h.example', 'plain'],
        ['wss://h.example/t', 3, 46, 'wss', 'h.example', 'plain'],
      ],
    );
    assert.equal(found[0]?.file, 'pkg/mod.py');
    assert.equal(found[0]?.snippet, 'x = "https://example.org/a"');
  });

  test('columns count from the start of the line after CRLF line ends', () => {
    const found = extractUrls('a.bat', Buffer.from('rem x\r\n  curl http://h.example/x.exe\r\n'));
    assert.deepEqual(
      found.map((u) => [u.line, u.column, u.snippet]),
      [[2, 8, 'curl http://h.example/x.exe']],
    );
  });

  test('explicit ports, including the default one, and userinfo', () => {
    const found = extractUrls(
      'f',
      Buffer.from('http://h.example:80/ https://h.example:8443/x http://user:pw@10.1.2.3:4444/p'),
    );
    assert.deepEqual(
      found.map((u) => [u.host, u.port]),
      [
        ['h.example', 80],
        ['h.example', 8443],
        ['10.1.2.3', 4444],
      ],
    );
  });

  test('IPv6 hosts keep their brackets and their port', () => {
    const [url] = extractUrls('f', Buffer.from('connect to http://[2001:db8::1]:9000/api now'));
    assert.equal(url?.url, 'http://[2001:db8::1]:9000/api');
    assert.equal(url?.host, '[2001:db8::1]');
    assert.equal(url?.port, 9000);
  });

  test('trailing punctuation and markup are trimmed', () => {
    assert.deepEqual(urlsOf('See https://a.example/x. Or (https://b.example/y), "https://c.example/z",'), [
      'https://a.example/x',
      'https://b.example/y',
      'https://c.example/z',
    ]);
    assert.deepEqual(urlsOf("<a href='https://d.example/q?x=1'>link</a> <https://e.example>"), [
      'https://d.example/q?x=1',
      'https://e.example',
    ]);
  });

  test('balanced parentheses inside a URL are kept', () => {
    assert.deepEqual(urlsOf('(see https://en.wikipedia.org/wiki/Foo_(bar))'), [
      'https://en.wikipedia.org/wiki/Foo_(bar)',
    ]);
  });

  test('markdown links: both the text URL and the target URL are found', () => {
    const found = extractUrls(
      'README.md',
      Buffer.from('[https://a.example](https://b.example/p) and [docs](https://c.example/d)'),
    );
    assert.deepEqual(
      found.map((u) => [u.url, u.column]),
      [
        ['https://a.example', 2],
        ['https://b.example/p', 21],
        ['https://c.example/d', 53],
      ],
    );
  });

  test('templates and bare schemes are not URLs; placeholders such as example.com are kept', () => {
    assert.deepEqual(
      urlsOf(`http:// alone, "http://" + host, http://%s/x, http://$\{h}/y, http://host:port/`),
      [],
    );
    assert.deepEqual(urlsOf('http://example.com'), ['http://example.com']);
  });

  test('a scheme glued to a word is not a URL start', () => {
    assert.deepEqual(urlsOf('xhttp://a.example/'), []);
  });

  test('ports above 65535 make the text a non-URL', () => {
    assert.deepEqual(urlsOf('http://a.example:70000/'), []);
  });
});

describe('extractUrls: encoded URLs', () => {
  test('base64 runs that decode to a URL', () => {
    const encoded = Buffer.from('https://evil.example/payload.exe').toString('base64');
    const found = extractUrls('setup.py', Buffer.from(`import base64\nu = base64.b64decode("${encoded}")\n`));
    assert.deepEqual(
      found.map((u) => [u.url, u.encoding, u.line, u.column]),
      [['https://evil.example/payload.exe', 'base64', 2, 23]],
    );
  });

  test('base64 at any byte alignment inside a longer encoded text', () => {
    for (const prefix of ['', 'x', 'xy', 'xyz']) {
      const encoded = Buffer.from(`${prefix}GET http://c2.example:8080/b`).toString('base64');
      assert.deepEqual(urlsOf(`data = '${encoded}'`), ['http://c2.example:8080/b'], `prefix '${prefix}'`);
    }
  });

  test('URL-safe base64 and a run glued to an identifier', () => {
    const encoded = Buffer.from('https://a.example/?q=1&r=~~~').toString('base64url');
    assert.deepEqual(urlsOf(`k=abc${encoded}`), ['https://a.example/?q=1&r=~~~']);
  });

  test('base64 of ordinary text is not a URL', () => {
    assert.deepEqual(urlsOf(Buffer.from('just some harmless words here').toString('base64')), []);
  });

  test('hex digit runs and \\x escapes', () => {
    const hex = Buffer.from('http://h.example/a').toString('hex');
    const escaped = [...Buffer.from('https://i.example/b')]
      .map((b) => `\\x${b.toString(16).padStart(2, '0')}`)
      .join('');
    const found = extractUrls('m.py', Buffer.from(`a = bytes.fromhex("${hex}")\nb = "${escaped}"\n`));
    assert.deepEqual(
      found.map((u) => [u.url, u.encoding, u.line]),
      [
        ['http://h.example/a', 'hex', 1],
        ['https://i.example/b', 'hex', 2],
      ],
    );
  });
});

describe('extractUrls: binaries and limits', () => {
  test('ASCII and UTF-16LE strings of a binary: line 1, column = byte offset + 1', () => {
    const ascii = Buffer.from('http://a.example/x\0');
    const wide = Buffer.from('https://b.example/y', 'utf16le');
    const bytes = Buffer.concat([
      Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
      Buffer.alloc(8),
      ascii,
      wide,
    ]);
    const found = extractUrls('lib/x.so', bytes);
    assert.deepEqual(
      found.map((u) => [u.url, u.line, u.column]),
      [
        ['http://a.example/x', 1, 17],
        ['https://b.example/y', 1, 36],
      ],
    );
  });

  test('UTF-16LE text with a BOM is read as text with lines', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('a\r\n$u = "http://p.example/s.ps1"\r\n', 'utf16le'),
    ]);
    const found = extractUrls('x.ps1', bytes);
    assert.deepEqual(
      found.map((u) => [u.url, u.line, u.column]),
      [['http://p.example/s.ps1', 2, 7]],
    );
  });

  test('files over the size cap are skipped with a problem', () => {
    const result = extractUrlsWithProblems('big.txt', Buffer.from('http://a.example/ '.repeat(10)), {
      maxFileBytes: 50,
      maxUrlsPerFile: 10,
    });
    assert.deepEqual(result.urls, []);
    assert.equal(result.problems[0]?.kind, 'too-large');
  });

  test('URLs per file are capped, with a problem', () => {
    const result = extractUrlsWithProblems('many.txt', Buffer.from('http://a.example/ '.repeat(10)), {
      maxFileBytes: 1_000,
      maxUrlsPerFile: 3,
    });
    assert.equal(result.urls.length, 3);
    assert.match(result.problems[0]?.message ?? '', /more than 3 URLs/);
  });

  test('odd bytes do not crash and hostile long lines keep a bounded snippet', () => {
    const line = `${'a'.repeat(10_000)} http://z.example/q ${'b'.repeat(10_000)}`;
    const [url] = extractUrls('min.js', Buffer.from(line));
    assert.equal(url?.url, 'http://z.example/q');
    assert.ok((url?.snippet.length ?? 0) <= 200);
    assert.ok(url?.snippet.includes('http://z.example/q'));
    assert.deepEqual(extractUrls('junk', Buffer.from([0xc3, 0x28, 0xff, 0x68, 0x74, 0x74, 0x70])), []);
  });
});

describe('parseUrl and trimUrlCandidate', () => {
  test('splits userinfo, host and port by hand', () => {
    assert.deepEqual(parseUrl('https://u:p@Host.Example.:443/a?b#c'), {
      scheme: 'https',
      host: 'host.example',
      port: 443,
      userinfo: 'u:p',
      rest: '/a?b#c',
    });
  });

  test('cuts markdown and HTML entity ends', () => {
    assert.equal(trimUrlCandidate('https://a.example/x](https://b'), 'https://a.example/x');
    assert.equal(trimUrlCandidate('https://a.example/x&quot;>'), 'https://a.example/x');
    assert.equal(trimUrlCandidate('https://a.example/x...'), 'https://a.example/x');
  });
});

describe('extractUrls: certificate data', () => {
  test('base64 inside PEM blocks is not decoded; outside it is', () => {
    const der = Buffer.concat([
      Buffer.from([0x30, 0x82, 0x01]),
      Buffer.from('http://crl.example-ca.net/root.crl'),
    ]);
    const pem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`;
    assert.deepEqual(urlsOf(pem), []);
    assert.deepEqual(urlsOf(`x = "${der.toString('base64')}"`), ['http://crl.example-ca.net/root.crl']);
  });
});
