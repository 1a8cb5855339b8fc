import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { URL_CREDENTIALS, urlCredentialMatches } from './scan.ts';

/** Index and groups of each match, to compare the two searches. */
const shown = (matches: Iterable<RegExpMatchArray>) => [...matches].map((m) => [m.index, ...m]);

describe('URL credentials found from each "://"', () => {
  test('give the matches of the plain global search, in order', () => {
    const cases = [
      'see https://user:s3cretpw@db.example.com/x and ftp://a:b@c.d',
      'xhttps://u:p@h.io',
      '1a://u:p@h https://u:p@h.example ://u:p@h a://u:p@h',
      'postgres://user:pa:ss@host.example.org:5432/db',
      'abcdefghijklmnopq://u:p@h.example abcdefghijklmnop://u:p@h.example',
      'é-scheme://u:p@hé.example',
      'https://x:y@a.b://c:d@e.f',
      'no url here',
      '',
    ];
    for (const text of cases)
      assert.deepEqual(shown(urlCredentialMatches(text)), shown(text.matchAll(URL_CREDENTIALS)), text);
  });

  test('agree with the plain search on random near-URLs, back to back', () => {
    let seed = 12345;
    // xorshift32: a fixed sequence, so a failure names the same text every run.
    const next = (n: number) => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    // Mostly characters the piece allows, now and then one that breaks it.
    const run = (good: string, bad: string, min: number, max: number) => {
      let out = '';
      for (let i = min + next(max - min + 1); i > 0; i--)
        out += next(6) === 0 ? bad[next(bad.length)] : good[next(good.length)];
      return out;
    };
    let found = 0;
    for (let round = 0; round < 4000; round++) {
      let text = '';
      for (let part = next(4); part >= 0; part--) {
        // A scheme of 0–18 characters (too short, too long, with a ':' or a non-ASCII letter), '://' or a near miss,
        // user, ':', password, '@', host: each piece sometimes left out.
        const pieces = [
          run('abz19+.-', 'Q:é _', 1, 18),
          ['://', ':/', '://', ':///'][next(4)] as string,
          run('uv1é', ':@/ $', 0, 4),
          ':',
          run('pq2', ':@/ {', 0, 4),
          '@',
          run('h.é-0', ':/ @', 0, 5),
        ];
        for (const piece of pieces) if (next(8) > 0) text += piece;
      }
      const plain = shown(text.matchAll(URL_CREDENTIALS));
      found += plain.length;
      assert.deepEqual(shown(urlCredentialMatches(text)), plain, JSON.stringify(text));
    }
    assert.ok(found > 100, `the texts hold matches (${found})`);
  });
});
