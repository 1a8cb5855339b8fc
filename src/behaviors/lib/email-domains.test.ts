import assert from 'node:assert/strict';
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

  it('finds a listed domain behind a subdomain, and not a common provider', () => {
    assert.equal(disposableDomainOf('someone@mailinator.com'), 'mailinator.com');
    assert.equal(disposableDomainOf('<someone@eu.mailinator.com>'), 'mailinator.com');
    assert.equal(disposableDomainOf('someone@gmail.com'), null);
    assert.equal(anonymousDomainOf('someone@gmail.com'), null);
  });
});
