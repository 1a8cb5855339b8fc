import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { extractUrls } from '../../analysis/text/urls.ts';
import type { PackageFacts } from '../../analysis/types.ts';
import type { BehaviorDefinition, DetectionContext } from '../../catalog/types.ts';
import { emptyMetadata } from '../../metadata/types.ts';
import { urlEncoded } from './url-encoded.ts';
import { urlInterestingFileFormat } from './url-interesting-file-format.ts';
import { urlIpLiteral } from './url-ip-literal.ts';
import { urlMessagingWebhook } from './url-messaging-webhook.ts';
import { urlNonstandardPort } from './url-nonstandard-port.ts';
import { urlPackagePublishingApi } from './url-package-publishing-api.ts';
import { urlPasteSite } from './url-paste-site.ts';
import { urlRawContentHost } from './url-raw-content-host.ts';
import { urlShortener } from './url-shortener.ts';
import { urlSuspiciousTld } from './url-suspicious-tld.ts';
import { urlTunnelOrDynamicDns } from './url-tunnel-or-dynamic-dns.ts';

/** A one-file package whose URL facts come from the real extractor. */
function contextOf(text: string, path = 'pkg/mod.py'): DetectionContext {
  const data = Buffer.from(text);
  const facts: PackageFacts = { sources: [], urls: extractUrls(path, data), embedded: [], problems: [] };
  return {
    snapshot: {
      ecosystem: 'pypi',
      name: 'pkg',
      version: '1.0',
      artifact: { file: 'pkg-1.0.tar.gz', sha256: '0'.repeat(64), size: data.length, format: 'tar.gz' },
      files: [{ path, data }],
      metadata: emptyMetadata('pypi'),
      anomalies: [],
      limitHits: [],
    },
    facts,
  };
}

/** The URLs a behavior reports in `text`, one line per URL in the input. */
function hits(behavior: BehaviorDefinition, lines: readonly string[]): string[] {
  return behavior.detect(contextOf(lines.join('\n'))).map((o) => o.snippet);
}

describe('url-interesting-file-format', () => {
  test('executables, scripts, installers and archives in the path', () => {
    assert.deepEqual(
      hits(urlInterestingFileFormat, [
        'https://dl.example.net/tool.exe',
        'https://dl.example.net/a/setup.msi?token=1',
        'http://1.2.3.4/x.sh#frag',
        'https://files.example.org/release.tar.gz',
        'https://files.example.org/Payload.PS1',
      ]),
      [
        'https://dl.example.net/tool.exe',
        'https://dl.example.net/a/setup.msi?token=1',
        'http://1.2.3.4/x.sh#frag',
        'https://files.example.org/release.tar.gz',
        'https://files.example.org/Payload.PS1',
      ],
    );
  });

  test('look-alikes: pages, data, folders, a .shop domain, an extension only in the query', () => {
    assert.deepEqual(
      hits(urlInterestingFileFormat, [
        'https://docs.example.org/install.html',
        'https://api.example.org/v1/data.json',
        'https://example.org/download/',
        'https://store.example.shop',
        'https://example.org/get?file=tool.exe',
        'https://example.zip/',
      ]),
      [],
    );
  });

  test('double extensions are named in the detail', () => {
    const [occurrence] = urlInterestingFileFormat.detect(
      contextOf('x = "https://cdn.example.net/invoice.pdf.exe"'),
    );
    assert.match(occurrence?.detail ?? '', /\.exe file disguised with a \.pdf extension/);
    assert.deepEqual([occurrence?.file, occurrence?.line, occurrence?.column], ['pkg/mod.py', 1, 6]);
  });
});

describe('url-nonstandard-port', () => {
  test('ports other than the scheme default, with local addresses marked', () => {
    const found = urlNonstandardPort.detect(
      contextOf(
        [
          'http://45.33.12.7:4444/x',
          'https://api.example.com:8443/',
          'http://localhost:8080/',
          'ftp://files.example.com:2121/',
          'wss://example.com:443/ws',
          'https://example.com:443/',
          'http://example.com:80/',
          'ftp://example.com:21/',
        ].join('\n'),
      ),
    );
    assert.deepEqual(
      found.map((o) => [o.line, o.detail]),
      [
        [1, 'http on port 4444 instead of 80'],
        [2, 'https on port 8443 instead of 443'],
        [3, 'http on port 8080 instead of 80 (local development address)'],
        [4, 'ftp on port 2121 instead of 21'],
      ],
    );
  });
});

describe('url-suspicious-tld', () => {
  test('hosts under listed TLDs, read with the public suffix list', () => {
    assert.deepEqual(
      hits(urlSuspiciousTld, ['https://free-gift.tk/a', 'http://cdn.update.xyz/', 'https://x.top:8080/']),
      ['https://free-gift.tk/a', 'http://cdn.update.xyz/', 'https://x.top:8080/'],
    );
  });

  test('look-alikes: a listed word elsewhere in the name, ordinary TLDs, IP addresses', () => {
    assert.deepEqual(
      hits(urlSuspiciousTld, [
        'https://top.example.com/',
        'https://xyz.co.uk/',
        'https://example.org/file.zip',
        'http://10.0.0.1/',
        'https://tk.example.net/',
      ]),
      [],
    );
  });
});

describe('url-ip-literal', () => {
  test('public IPv4 and IPv6 addresses and the metadata service', () => {
    const found = urlIpLiteral.detect(
      contextOf(
        ['http://45.33.12.7:4444/', 'http://[2606:4700::1111]/', 'http://169.254.169.254/latest/'].join('\n'),
      ),
    );
    assert.deepEqual(
      found.map((o) => o.detail),
      ['IPv4 address 45.33.12.7', 'IPv6 address [2606:4700::1111]', 'cloud instance metadata address'],
    );
  });

  test('loopback, unspecified and private addresses are left out', () => {
    assert.deepEqual(
      hits(urlIpLiteral, [
        'http://127.0.0.1:5000/',
        'http://0.0.0.0:8000/',
        'http://[::1]:8080/',
        'http://10.1.2.3/',
        'http://172.16.0.1/',
        'http://172.31.255.1/',
        'http://192.168.1.1/',
        'http://[fd00::1]/',
        'http://[fe80::1]/',
        'http://999.1.1.1/',
      ]),
      [],
    );
    assert.deepEqual(
      hits(urlIpLiteral, ['http://172.32.0.1/']),
      ['http://172.32.0.1/'],
      '172.32/16 is public',
    );
  });
});

describe('host lists', () => {
  test('url-shortener', () => {
    assert.deepEqual(
      hits(urlShortener, ['https://bit.ly/3abc', 'https://t.co/x', 'https://iplogger.org/1']),
      ['https://bit.ly/3abc', 'https://t.co/x', 'https://iplogger.org/1'],
    );
    assert.deepEqual(
      hits(urlShortener, ['https://rabbit.ly.example.com/', 'https://bitly.com/pages/pricing']),
      [],
    );
  });

  test('url-paste-site', () => {
    assert.deepEqual(hits(urlPasteSite, ['https://pastebin.com/raw/abcd', 'https://transfer.sh/x/y.bin']), [
      'https://pastebin.com/raw/abcd',
      'https://transfer.sh/x/y.bin',
    ]);
    assert.deepEqual(hits(urlPasteSite, ['https://mypastebin.com.example.org/']), []);
  });

  test('url-messaging-webhook: path matters for chat hosts', () => {
    assert.deepEqual(
      hits(urlMessagingWebhook, [
        'https://discord.com/api/webhooks/123/abc',
        'https://discordapp.com/api/webhooks/1/x',
        'https://api.telegram.org/bot123:ABC/sendMessage',
        'https://hooks.slack.com/services/T/B/X',
        'https://webhook.site/uuid',
        'https://eo1abc.m.pipedream.net',
        'http://abc.oast.fun',
      ]),
      [
        'https://discord.com/api/webhooks/123/abc',
        'https://discordapp.com/api/webhooks/1/x',
        'https://api.telegram.org/bot123:ABC/sendMessage',
        'https://hooks.slack.com/services/T/B/X',
        'https://webhook.site/uuid',
        'https://eo1abc.m.pipedream.net',
        'http://abc.oast.fun',
      ],
    );
    assert.deepEqual(
      hits(urlMessagingWebhook, [
        'https://discord.com/invite/abc',
        'https://core.telegram.org/bots/api',
        'https://slack.com/',
      ]),
      [],
    );
  });

  test('url-raw-content-host', () => {
    assert.deepEqual(
      hits(urlRawContentHost, [
        'https://raw.githubusercontent.com/u/r/main/x.py',
        'https://gist.githubusercontent.com/u/1/raw/x',
        'https://cdn.discordapp.com/attachments/1/2/a.exe',
        'https://gitlab.com/g/p/-/raw/main/run.sh',
        'https://github.com/u/r/raw/main/x.bin',
        'https://bitbucket.org/u/r/raw/abc/x',
      ]).length,
      6,
    );
    assert.deepEqual(
      hits(urlRawContentHost, [
        'https://github.com/u/r',
        'https://github.com/u/r/blob/main/x.py',
        'https://cdn.discordapp.com/avatars/1.png',
      ]),
      [],
    );
  });

  test('url-tunnel-or-dynamic-dns: subdomains only', () => {
    assert.deepEqual(
      hits(urlTunnelOrDynamicDns, [
        'https://abcd-1-2.ngrok-free.app/x',
        'https://words.trycloudflare.com',
        'http://myhome.duckdns.org:8080',
        'http://c2.hopto.org/',
        'https://x.loca.lt/',
      ]).length,
      5,
    );
    assert.deepEqual(
      hits(urlTunnelOrDynamicDns, [
        'https://ngrok.com/docs',
        'https://www.duckdns.org/',
        'https://dashboard.ngrok.com/',
      ]),
      [],
    );
  });

  test('url-package-publishing-api', () => {
    assert.deepEqual(
      hits(urlPackagePublishingApi, [
        'https://upload.pypi.org/legacy/',
        'https://registry.npmjs.org/-/user/org.couchdb.user:x',
      ]),
      ['https://upload.pypi.org/legacy/', 'https://registry.npmjs.org/-/user/org.couchdb.user:x'],
    );
    assert.deepEqual(
      hits(urlPackagePublishingApi, ['https://pypi.org/project/x/', 'https://registry.npmjs.org/left-pad']),
      [],
    );
  });
});

describe('url-encoded', () => {
  test('reports a URL seen only in encoded form, at the encoded text', () => {
    const encoded = Buffer.from('https://c2.example.tk/p').toString('base64');
    const found = urlEncoded.detect(contextOf(`import base64\nu = base64.b64decode('${encoded}')\n`));
    assert.deepEqual(
      found.map((o) => [o.snippet, o.line, o.column, o.detail]),
      [['https://c2.example.tk/p', 2, 23, 'base64-encoded URL']],
    );
  });

  test('a URL that is also written out in plain text is not hidden', () => {
    const encoded = Buffer.from('https://docs.example.org/').toString('base64');
    assert.deepEqual(urlEncoded.detect(contextOf(`# https://docs.example.org/\nX = '${encoded}'\n`)), []);
  });
});

test('occurrences are capped at 50 per behavior', () => {
  const text = Array.from({ length: 80 }, (_, i) => `https://bit.ly/x${i}`).join('\n');
  assert.equal(urlShortener.detect(contextOf(text)).length, 50);
});

test('url-encoded ignores XML namespace names carried by base64 images', () => {
  const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/></svg>').toString(
    'base64',
  );
  assert.deepEqual(urlEncoded.detect(contextOf(`icon = "data:image/svg+xml;base64,${svg}"`)), []);
});

test('url-interesting-file-format: a hidden file name is not an extension', () => {
  assert.deepEqual(
    hits(urlInterestingFileFormat, ['http://a.example/b/c/.gz', 'https://a.example/u/.bashrc']),
    [],
  );
});
