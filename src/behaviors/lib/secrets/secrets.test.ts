import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { runBehaviors } from '../../../catalog/engine.ts';
import { secretsBehaviors } from '../../secrets/index.ts';
import { context } from '../../testing/fake-context.ts';
import { base62, crc32, hasTokenChecksum } from './checksum.ts';
import { isPkcs12 } from './keys.ts';
import { debugDatabases, versionControlFolders } from './leftovers.ts';
import { maskSecret } from './mask.ts';
import { placeholderReason } from './placeholders.ts';
import { secretFindings } from './scan.ts';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

function randomBase62(length: number): string {
  return [...randomBytes(length)].map((byte) => ALPHABET[byte % 62]).join('');
}

/** A token in GitHub's or npm's format with a correct checksum, made here so no token is stored in the repository. */
function issuedToken(prefix: string): string {
  const body = randomBase62(30);
  return `${prefix}${body}${base62(crc32(body), 6)}`;
}

function files(entries: Record<string, string | Buffer>) {
  return Object.entries(entries).map(([path, data]) => ({
    path,
    data: typeof data === 'string' ? Buffer.from(data) : data,
  }));
}

describe('secrets: checksums', () => {
  test('CRC-32 matches the IEEE check value', () => {
    assert.equal(crc32('123456789'), 0xcbf43926);
  });

  test('a GitHub or npm token with its checksum passes, the same token with one character changed does not', () => {
    for (const prefix of ['ghp_', 'gho_', 'ghs_', 'npm_']) {
      const token = issuedToken(prefix);
      assert.ok(hasTokenChecksum(token), token.slice(0, 8));
      const altered = `${token.slice(0, 10)}${token[10] === 'a' ? 'b' : 'a'}${token.slice(11)}`;
      assert.equal(hasTokenChecksum(altered), false);
    }
  });

  test('an issued-looking GitHub token is an access token; a wrong checksum makes it a placeholder', () => {
    const good = issuedToken('ghp_');
    const bad = `${good.slice(0, -6)}${good.slice(-6) === '000000' ? '000001' : '000000'}`;
    const findings = secretFindings(
      context([], { files: files({ 'pkg/a.py': `A = "${good}"\nB = "${bad}"\n` }) }).snapshot,
    );
    assert.deepEqual(
      findings.map((finding) => [finding.type, finding.line]),
      [
        ['credential', 1],
        ['placeholder', 2],
      ],
    );
  });
});

describe('secrets: evidence never shows a whole secret', () => {
  const secrets = [
    issuedToken('ghp_'),
    issuedToken('npm_'),
    `glpat-${randomBase62(20)}`,
    `sk_live_${randomBase62(30)}`,
    `AIza${randomBase62(35)}`,
    `987654321:AA${randomBase62(33)}`,
  ];
  const password = randomBase62(16);
  const text = [
    ...secrets.map((secret, index) => `S${index} = "${secret}"`),
    `URL = "https://deploy:${password}@build.fixture-corp.net/x"`,
  ].join('\n');
  const detection = context([], { files: files({ 'pkg/config.py': text }) });

  test('every behavior occurrence masks the value to its first and last four characters', () => {
    const { hits } = runBehaviors(secretsBehaviors, detection);
    const occurrences = hits.flatMap((hit) => hit.occurrences);
    assert.equal(occurrences.length, secrets.length + 1);
    for (const occurrence of occurrences) {
      for (const secret of [...secrets, password]) {
        assert.ok(!occurrence.snippet.includes(secret), `${occurrence.snippet} shows a whole secret`);
        assert.ok(!(occurrence.detail ?? '').includes(secret));
      }
    }
    assert.ok(occurrences.some((occurrence) => occurrence.snippet.includes(maskSecret(secrets[0] ?? ''))));
    assert.ok(occurrences.every((occurrence) => /not verified/.test(occurrence.detail ?? '')));
  });

  test('masking keeps four characters at each end of a long value and less of a short one', () => {
    assert.equal(maskSecret('abcdefghijklmnopqrstuvwxyz'), 'abcd…wxyz');
    assert.equal(maskSecret('abcdefghij'), 'ab…ij');
    assert.equal(maskSecret('abc'), '…');
  });
});

describe('secrets: placeholders and structure', () => {
  test('documentation examples and filler are placeholders, random values are not', () => {
    assert.ok(placeholderReason('AKIAIOSFODNN7EXAMPLE'));
    assert.ok(placeholderReason('sk_live_xxxxxxxxxxxxxxxx'));
    assert.ok(placeholderReason('<token>'));
    assert.ok(placeholderReason('your_api_key_here'));
    assert.equal(placeholderReason(randomBase62(40)), null);
  });

  test('PKCS#12 is recognised by its DER header and extension only', () => {
    const header = Buffer.from([0x30, 0x82, 0x09, 0x99, 0x02, 0x01, 0x03, 0x30]);
    assert.ok(isPkcs12('certs/client.p12', header));
    assert.ok(isPkcs12('certs/client.PFX', header));
    assert.equal(isPkcs12('certs/client.bin', header), false);
    assert.equal(isPkcs12('certs/client.p12', Buffer.from('not a bundle')), false);
    const findings = secretFindings(context([], { files: files({ 'certs/client.p12': header }) }).snapshot);
    assert.deepEqual(
      findings.map((finding) => finding.type),
      ['pkcs12'],
    );
  });

  test('a Git folder is one finding on a telling file; a folder merely named like one is not', () => {
    const found = versionControlFolders(
      files({
        'pkg/.git/HEAD': 'ref: refs/heads/main\n',
        'pkg/.git/config': '[remote "origin"]\n',
        'pkg/.git/objects/ab/cdef': 'x',
        'other/.git/notes.txt': 'not a repository',
      }),
    );
    assert.deepEqual(
      found.map((leftover) => leftover.file),
      ['pkg/.git/HEAD'],
    );
  });

  test('a .pdb counts only with the MSF header (not a Protein Data Bank file)', () => {
    const found = debugDatabases(
      files({ 'a/x.pdb': 'Microsoft C/C++ MSF 7.00\r\n\u001aDS', 'b/1crn.pdb': 'HEADER    PLANT PROTEIN' }),
    );
    assert.deepEqual(
      found.map((leftover) => leftover.file),
      ['a/x.pdb'],
    );
  });
});

describe('secrets: JSON Web Tokens', () => {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const sign = (key: string) => {
    const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: 'fixture', iat: 1700000000 })}`;
    return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
  };

  test('a token signed with a tutorial key is a placeholder; one signed with a random key is an access token', () => {
    const findings = secretFindings(
      context([], {
        files: files({ 'pkg/a.py': `A = "${sign('secret')}"\nB = "${sign(randomBase62(32))}"\n` }),
      }).snapshot,
    );
    assert.deepEqual(
      findings.map((finding) => [finding.type, finding.line]),
      [
        ['placeholder', 1],
        ['credential', 2],
      ],
    );
  });
});
