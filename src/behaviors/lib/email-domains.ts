/**
 * E-mail domains of authors and maintainers read against two lists: throw-away inboxes from the
 * disposable-email-domains package (ivolo/disposable-email-domains, MIT, the version pinned in package.json)
 * and anonymity-first mail services from data/anonymous-email-domains.json.
 */
import { createRequire } from 'node:module';
import anonymousData from '../../../data/anonymous-email-domains.json' with { type: 'json' };
import {
  compareRange,
  lineEnd,
  lowerBoundLine,
  openBlockFile,
  type SearchBytes,
} from '../../core/block-file.ts';
import type { PackageSnapshot } from '../../metadata/snapshot.ts';
import type { Person } from '../../metadata/types.ts';

const require = createRequire(import.meta.url);

/** Where the disposable list comes from, shown in the behavior's description. */
export const DISPOSABLE_SOURCE =
  'disposable-email-domains 1.0.62 (github.com/ivolo/disposable-email-domains, published 2024-12-07)';
export const ANONYMOUS_UPDATED: string = anonymousData.updated;

let disposable: ((name: string) => boolean) | undefined;

const QUOTE = 0x22;

/**
 * The list's entry on the line at `start` (`  "domain",`) compared with `wanted` as bytes: the text between the
 * line's first two quotes. The list is sorted that way (a test checks the pinned version), so a binary search
 * over its lines finds a name.
 */
function compareEntry(bytes: SearchBytes, start: number, wanted: Buffer): number {
  const end = lineEnd(bytes, start);
  let at = start;
  while (at < end && bytes.byteAt(at) !== QUOTE) at++;
  const from = at + 1;
  let to = from;
  while (to < end && bytes.byteAt(to) !== QUOTE) to++;
  return compareRange(bytes, from, to, wanted);
}

/**
 * Whether the disposable list (120,000 domains) holds `name`, a name of [a-z0-9.-] (emailDomain and its parents).
 * The list is a JSON array of one sorted entry per line; it is searched in place, a few 4 KB blocks per name, on
 * the first address that needs it and never for a package without e-mails. Parsing it into a Set cost every such
 * scan about 200 ms of CPU, reading its 2.4 MB text to search it about 30 ms on this machine (page faults).
 */
function disposableListed(name: string): boolean {
  if (disposable === undefined) {
    // The descriptor stays open for the process: a scan asks for a few names, a server for many.
    const { bytes } = openBlockFile(require.resolve('disposable-email-domains'));
    // Entries run from the second line to the line before the closing bracket.
    const first = lineEnd(bytes, 0) + 1;
    let last = bytes.length;
    while (last > first && bytes.byteAt(last - 1) === 0x0a) last--;
    while (last > first && bytes.byteAt(last - 1) !== 0x0a) last--;
    disposable = (domain) => {
      const wanted = Buffer.from(domain, 'latin1');
      const line = lowerBoundLine(bytes, first, last, (start) => compareEntry(bytes, start, wanted));
      return line < last && compareEntry(bytes, line, wanted) === 0;
    };
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
