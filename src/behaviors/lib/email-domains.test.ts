import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { anonymousDomainOf, disposableDomainOf, emailDomain } from './email-domains.ts';

const list = createRequire(import.meta.url)('disposable-email-domains') as string[];
const listed = new Set(list);

/** What disposableDomainOf answered when the list was a Set: the domain or its nearest listed parent. */
function bySet(email: string): string | null {
  const domain = emailDomain(email);
  for (let name = domain ?? ''; name.includes('.'); name = name.slice(name.indexOf('.') + 1))
    if (listed.has(name)) return name;
  return null;
}

describe('disposableDomainOf', () => {
  it('answers as a Set of the list would, for entries, their subdomains, neighbours and parts', () => {
    // Every 400th entry and names made from it: a subdomain, the entry cut at either end, a longer name, another
    // top-level domain. A text search would go wrong on a name that spans two entries or matches part of one.
    const emails: string[] = [];
    for (let i = 0; i < list.length; i += 400) {
      const entry = list[i] ?? '';
      emails.push(
        `a@${entry}`,
        `a@mail.${entry}`,
        `a@${entry.slice(1)}`,
        `a@${entry.slice(0, -1)}`,
        `a@x${entry}`,
        `a@${entry}x`,
        `a@${entry.replace(/\.[^.]+$/, '.org')}`,
        `a@${entry.toUpperCase()}`,
      );
    }
    emails.push('a@gmail.com', 'a@example.org', 'a@com', 'not an address', 'a@mailinator.com');
    let hits = 0;
    for (const email of emails) {
      const expected = bySet(email);
      if (expected !== null) hits++;
      assert.equal(disposableDomainOf(email), expected, email);
    }
    assert.ok(hits > list.length / 400, 'the sample holds listed domains');
  });

  it('the pinned list is one entry per line, sorted as bytes, which the in-place search relies on', () => {
    const lines = readFileSync(
      createRequire(import.meta.url).resolve('disposable-email-domains'),
      'latin1',
    ).split('\n');
    assert.equal(lines[0], '[');
    assert.equal(lines.at(-1) === '' ? lines.at(-2) : lines.at(-1), ']');
    const entries = lines.filter((line) => line.startsWith('  "'));
    assert.equal(entries.length, list.length, 'every entry on a line of its own');
    for (let i = 1; i < list.length; i++)
      assert.ok(Buffer.compare(Buffer.from(list[i - 1] ?? ''), Buffer.from(list[i] ?? '')) < 0, `entry ${i}`);
    // The first and the last entry are found too (the ends of the search range).
    assert.equal(disposableDomainOf(`a@${list[0]}`), list[0]);
    assert.equal(disposableDomainOf(`a@${list.at(-1)}`), list.at(-1));
  });

  it('finds a listed domain behind a subdomain, and not a common provider', () => {
    assert.equal(disposableDomainOf('someone@mailinator.com'), 'mailinator.com');
    assert.equal(disposableDomainOf('<someone@eu.mailinator.com>'), 'mailinator.com');
    assert.equal(disposableDomainOf('someone@gmail.com'), null);
    assert.equal(anonymousDomainOf('someone@gmail.com'), null);
  });
});
