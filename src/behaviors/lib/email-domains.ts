/**
 * E-mail domains of authors and maintainers read against two lists: throw-away inboxes from the
 * disposable-email-domains package (ivolo/disposable-email-domains, MIT, the version pinned in package.json)
 * and anonymity-first mail services from data/anonymous-email-domains.json.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import anonymousData from '../../../data/anonymous-email-domains.json' with { type: 'json' };
import type { PackageSnapshot } from '../../metadata/snapshot.ts';
import type { Person } from '../../metadata/types.ts';

const require = createRequire(import.meta.url);

/** Where the disposable list comes from, shown in the behavior's description. */
export const DISPOSABLE_SOURCE =
  'disposable-email-domains 1.0.62 (github.com/ivolo/disposable-email-domains, published 2024-12-07)';
export const ANONYMOUS_UPDATED: string = anonymousData.updated;

let disposable: ((name: string) => boolean) | undefined;

/**
 * Whether the disposable list (120,000 domains) holds `name`, a name of [a-z0-9.-] (emailDomain and its parents).
 * Read on the first address that needs it, never for a package without e-mails, and searched as the list's JSON
 * text: `"name"` occurs in it exactly when an entry equals name, since such a name cannot span two entries. Parsing
 * the list into a Set cost every scan of a package with an author address about 200 ms of CPU (2026-12-07, load
 * 15); reading the text and searching it, about 30. A list holding a backslash (an escape inside an entry could
 * make a false match) is parsed into a Set as before.
 */
function disposableListed(name: string): boolean {
  if (disposable === undefined) {
    const text = readFileSync(require.resolve('disposable-email-domains'), 'latin1');
    if (text.includes('\\')) {
      const set = new Set(JSON.parse(text) as string[]);
      disposable = (domain) => set.has(domain);
    } else disposable = (domain) => text.includes(`"${domain}"`);
  }
  return disposable(name);
}

const ANONYMOUS = new Set(anonymousData.domains);

/** The domain of an address, lower case, or null when the text is not one address. */
export function emailDomain(email: string): string | null {
  const match = /^[^\s@<>]+@([a-z0-9.-]+\.[a-z]{2,})$/i.exec(email.trim().replace(/^<|>$/g, ''));
  return match?.[1]?.toLowerCase() ?? null;
}

/** The domain itself or a parent a list holds (lists name registrable domains; mail may come from a subdomain). */
function listed(domain: string, has: (name: string) => boolean): string | null {
  for (let name = domain; name.includes('.'); name = name.slice(name.indexOf('.') + 1))
    if (has(name)) return name;
  return null;
}

export function disposableDomainOf(email: string): string | null {
  const domain = emailDomain(email);
  return domain === null ? null : listed(domain, disposableListed);
}

export function anonymousDomainOf(email: string): string | null {
  const domain = emailDomain(email);
  return domain === null ? null : listed(domain, (name) => ANONYMOUS.has(name));
}

/** Authors and maintainers of the package with an e-mail address; a field may list several, comma-separated. */
export function peopleWithEmail(
  snapshot: PackageSnapshot,
): { person: Person; email: string; role: string }[] {
  const out: { person: Person; email: string; role: string }[] = [];
  const add = (people: readonly Person[], role: string) => {
    for (const person of people)
      for (const email of (person.email ?? '').split(',').map((part) => part.trim()))
        if (email !== '') out.push({ person, email, role });
  };
  add(snapshot.metadata.authors, 'author');
  add(snapshot.metadata.maintainers, 'maintainer');
  return out;
}
