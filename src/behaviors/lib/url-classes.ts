/**
 * The URL classes of data/url-classes.json (Tor, mining pools, mixers, exchanges, serverless hosts, drive
 * downloads, WhatsApp gateways, hacktool repositories, malware paths, credential query parameters, look-alikes of
 * trusted domains, export-restricted ccTLDs) and the look-ups the `url-*` hunting behaviors share. Facts about the web, each list
 * with its public source and date in the data file; judging what a match means is left to the behaviors.
 */
import { domainToUnicode } from 'node:url';
import { parse as parseDomain } from 'tldts';
import classData from '../../../data/url-classes.json' with { type: 'json' };
import { memoize } from '../../core/memo.ts';
import { bareHost, hostAndParents, ipVersion, urlPath, urlRest } from './url-classify.ts';

/** Date of the hand-kept URL class lists, shown in the behaviors' descriptions. */
export const URL_CLASSES_UPDATED: string = classData.updated;

const MEMO_LIMIT = 4096;

/** A finder of the first listed domain that is the host or one of its parents. */
function domainSet(domains: readonly string[]): (host: string) => string | null {
  const set = new Set(domains.map((d) => d.toLowerCase()));
  return memoize((host) => hostAndParents(host).find((name) => set.has(name)) ?? null, MEMO_LIMIT);
}

const classes = classData.classes;

// ---------------------------------------------------------------------------------------------
// Domain classes

const torGateway = domainSet(classes.tor.domains);

/** '.onion address' or the tor2web gateway a host belongs to. */
export function torAddressOf(host: string): string | null {
  const h = bareHost(host);
  if (classes.tor.suffixes.some((suffix) => h === suffix || h.endsWith(`.${suffix}`)))
    return 'Tor onion service address';
  const gateway = torGateway(host);
  return gateway === null ? null : `Tor-to-web gateway ${gateway}`;
}

export const miningPoolOf: (host: string) => string | null = domainSet(classes['mining-pools'].domains);
export const browserMinerOf: (host: string) => string | null = domainSet(classes['browser-miners'].domains);
export const coinMixerOf: (host: string) => string | null = domainSet(classes['coin-mixers'].domains);
export const cryptoExchangeOf: (host: string) => string | null = domainSet(
  classes['crypto-exchanges'].domains,
);

const serverlessPlatform = domainSet(classes['serverless-hosts'].domains);

/**
 * The free serverless or app-hosting platform whose user subdomain the host is (`x.workers.dev` →
 * workers.dev). The platform's own site (`workers.dev`, `www.vercel.app`) is not a deployment.
 */
export const serverlessHostOf: (host: string) => string | null = memoize((host) => {
  const platform = serverlessPlatform(host);
  if (platform === null) return null;
  const h = bareHost(host);
  return h === platform || h === `www.${platform}` ? null : platform;
}, MEMO_LIMIT);

// ---------------------------------------------------------------------------------------------
// Host + path rules

interface PathRule {
  readonly domain: string;
  readonly path?: string;
  readonly pathPattern?: string;
  readonly query?: string;
  readonly label: string;
}

interface CompiledRule {
  readonly rule: PathRule;
  readonly pattern: RegExp | null;
}

function ruleMatcher(rules: readonly PathRule[]): (host: string, url: string) => string | null {
  const byDomain = new Map<string, CompiledRule[]>();
  for (const rule of rules) {
    const list = byDomain.get(rule.domain) ?? [];
    list.push({ rule, pattern: rule.pathPattern === undefined ? null : new RegExp(rule.pathPattern, 'i') });
    byDomain.set(rule.domain, list);
  }
  return (host, url) => {
    const candidates = hostAndParents(host).flatMap((name) => byDomain.get(name) ?? []);
    if (candidates.length === 0) return null;
    const path = urlPath(url).toLowerCase();
    const query = queryOf(url).toLowerCase();
    for (const { rule, pattern } of candidates) {
      if (pattern !== null && !pattern.test(path)) continue;
      if (rule.path !== undefined && !pathHasPrefix(path, rule.path.toLowerCase())) continue;
      if (rule.query !== undefined && !query.split('&').includes(rule.query.toLowerCase())) continue;
      return rule.label;
    }
    return null;
  };
}

/** `prefix` is the whole path or ends at a segment boundary ('/a/b' is under '/a', '/ab' is not). */
function pathHasPrefix(path: string, prefix: string): boolean {
  if (prefix === '' || prefix.endsWith('/')) return path.startsWith(prefix);
  return path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}.`);
}

/** The query string without '?' and without the fragment ('' when none). */
export function queryOf(url: string): string {
  const rest = urlRest(url);
  const start = rest.indexOf('?');
  if (start < 0) return '';
  const end = rest.indexOf('#', start);
  return rest.slice(start + 1, end < 0 ? undefined : end);
}

export const fileSharingDownloadOf: (host: string, url: string) => string | null = ruleMatcher(
  classes['file-sharing-downloads'].rules,
);
export const whatsappApiOf: (host: string, url: string) => string | null = ruleMatcher(
  classes['whatsapp-api'].rules,
);
export const hacktoolOf: (host: string, url: string) => string | null = ruleMatcher(classes.hacktools.rules);

// ---------------------------------------------------------------------------------------------
// Paths

interface PathPattern {
  readonly pattern: RegExp;
  readonly label: string;
}

function compilePatterns(list: readonly { pattern: string; label: string }[]): readonly PathPattern[] {
  return list.map((entry) => ({ pattern: new RegExp(entry.pattern, 'i'), label: entry.label }));
}

const MALWARE_PATHS = compilePatterns(classes['malware-paths'].pathPatterns);
const SUSPICIOUS_COMPONENTS = compilePatterns(classes['suspicious-path-components'].pathPatterns);
const IP_PATHS = compilePatterns(classes['suspicious-path-components'].ipPathPatterns);

/** The label of a path shape that malware analyses keep finding on attack servers. */
export function malwarePathOf(url: string): string | null {
  const path = urlPath(url);
  return MALWARE_PATHS.find((entry) => entry.pattern.test(path))?.label ?? null;
}

/** The label of a path component that ordinary download URLs rarely need. */
export function suspiciousPathComponentOf(host: string, url: string): string | null {
  // The raw path: decoding could make `%2e%2e` look like a traversal that the server never sees as one.
  const rest = urlRest(url);
  const cut = rest.search(/[?#]/);
  const path = cut < 0 ? rest : rest.slice(0, cut);
  const found = SUSPICIOUS_COMPONENTS.find((entry) => entry.pattern.test(path));
  if (found) return found.label;
  if (ipVersion(host) === null) return null;
  return IP_PATHS.find((entry) => entry.pattern.test(path))?.label ?? null;
}

// ---------------------------------------------------------------------------------------------
// Query parameters

/** RFC 2606 / 6761 names reserved for documentation: their URLs are examples, never live endpoints. */
function isExampleHost(host: string): boolean {
  const h = bareHost(host);
  return /(?:^|\.)example\.(?:com|org|net)$|\.(?:example|test|invalid|localhost)$|^localhost$/.test(h);
}

const CREDENTIAL_PARAMETERS = new Set(classes['credential-query-parameters'].parameters);

/** Placeholders and templates, not values: `{token}`, `${KEY}`, `%s`, `<api-key>`, `YOUR_KEY`, `xxxx`. */
const PLACEHOLDER =
  /[{}<>$%]|^(?:your|my|insert|replace|changeme|example|test|dummy|fake|none|null)|x{4,}|\*{3,}|\.\.\./i;

/** A value that reads like a generated secret: long enough, with letters and digits, not one repeated character. */
function looksLikeSecret(value: string): boolean {
  if (value.length < 12 || PLACEHOLDER.test(value)) return false;
  if (!/[a-z]/i.test(value) || !/\d/.test(value)) return false;
  return new Set(value).size >= 6;
}

/** The name of the first query parameter that carries a credential-looking value. */
export function credentialParameterOf(host: string, url: string): string | null {
  if (isExampleHost(host)) return null;
  const query = queryOf(url);
  if (query === '') return null;
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).toLowerCase();
    if (!CREDENTIAL_PARAMETERS.has(name)) continue;
    let value = pair.slice(eq + 1);
    try {
      value = decodeURIComponent(value);
    } catch {
      // Keep the raw text: a broken escape is still the value as written.
    }
    if (looksLikeSecret(value)) return name;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Look-alikes of trusted domains

interface TrustedDomain {
  readonly domain: string;
  /** The registrable name without its public suffix ('github' for github.com). */
  readonly label: string;
  readonly signIn: readonly string[];
  /** Compared for one-letter typos: only names that are not one letter away from ordinary words and projects. */
  readonly typo: boolean;
}

const TRUSTED: readonly TrustedDomain[] = classes['trusted-domains'].domains.map((entry) => ({
  domain: entry.domain,
  label: entry.domain.slice(0, entry.domain.indexOf('.')),
  signIn: entry.signIn,
  typo: 'typo' in entry && entry.typo === true,
}));
const TRUSTED_NAMES = new Set(TRUSTED.map((entry) => entry.domain));

/** Whether the host is a trusted domain or under one. */
export function isTrustedHost(host: string): boolean {
  return hostAndParents(host).some((name) => TRUSTED_NAMES.has(name));
}

/**
 * Characters that render like Latin letters (Cyrillic and Greek homoglyphs, dotless i) and ASCII stand-ins
 * (0 for o, 1 for l): the usual substitutions of spoofed domains, after accents are stripped.
 */
const CONFUSABLES: Readonly<Record<string, string>> = {
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  һ: 'h',
  і: 'i',
  ї: 'i',
  ј: 'j',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ɡ: 'g',
  ı: 'i',
  ɩ: 'l',
  α: 'a',
  β: 'b',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  '0': 'o',
  '1': 'l',
};

/** The shape a reader sees: accents dropped, homoglyphs folded, 'rn' read as 'm' and 'vv' as 'w'. */
function skeleton(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFD').replace(/\p{M}/gu, '')) out += CONFUSABLES[ch] ?? ch;
  return out.replace(/rn/g, 'm').replace(/vv/g, 'w');
}

export type LookalikeKind = 'punycode' | 'homoglyph' | 'typosquat' | 'subdomain';

export interface LookalikeFinding {
  readonly kind: LookalikeKind;
  /** The trusted domain imitated. */
  readonly trusted: string;
  readonly detail: string;
}

/** Damerau-Levenshtein distance, capped: anything above `max` is returned as max + 1. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push([i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
}

/** Names of real services one edit away from a trusted name; never a typosquat. */
const NEAR_NAMES_ALLOWED = new Set(classes['trusted-domains'].nearNamesAllowed);

/** The registrable domain and its name without the public suffix, or null for IPs and bare names. */
function registrable(host: string): { domain: string; name: string; suffix: string } | null {
  if (ipVersion(host) !== null) return null;
  const parsed = parseDomain(bareHost(host), { allowPrivateDomains: true });
  if (!parsed.domain || !parsed.domainWithoutSuffix || !parsed.publicSuffix) return null;
  return { domain: parsed.domain, name: parsed.domainWithoutSuffix, suffix: parsed.publicSuffix };
}

/**
 * How a host imitates a trusted domain, if it does: written in punycode or Unicode that reads as a trusted
 * name, one typing mistake away from a trusted name, or with a trusted name in front of another domain
 * (`github.com.example.io`). Trusted domains and their subdomains never match.
 */
export const lookalikeOf: (host: string) => LookalikeFinding | null = memoize((host) => {
  const ascii = bareHost(host);
  if (ipVersion(host) !== null || isTrustedHost(ascii)) return null;
  const unicode = ascii.includes('xn--') ? domainToUnicode(ascii) : ascii;
  const own = registrable(ascii);
  if (own === null) return null;
  // 1. Punycode or Unicode (or 0/1 stand-ins) that reads as a trusted domain.
  const shape = skeleton(unicode);
  for (const trusted of TRUSTED) {
    if (shape === trusted.domain || shape.endsWith(`.${trusted.domain}`)) {
      if (ascii.includes('xn--'))
        return { kind: 'punycode', trusted: trusted.domain, detail: `${ascii} reads as ${unicode}` };
      return { kind: 'homoglyph', trusted: trusted.domain, detail: `${unicode} reads as ${shape}` };
    }
  }
  // 2. A trusted domain written as labels in front of another registrable domain.
  const front = ascii.slice(0, ascii.length - own.domain.length);
  for (const trusted of TRUSTED) {
    if (front.startsWith(`${trusted.domain}.`) || front.includes(`.${trusted.domain}.`))
      return {
        kind: 'subdomain',
        trusted: trusted.domain,
        detail: `${trusted.domain} is only a subdomain of ${own.domain}`,
      };
  }
  // 3. One edit away from a distinctive trusted name. A name that merely adds letters around the brand
  // (ipython, githubs-mirror) is another project's name far more often than a typo.
  if (NEAR_NAMES_ALLOWED.has(own.domain)) return null;
  for (const trusted of TRUSTED) {
    if (!trusted.typo || trusted.label.length < 6 || own.name === trusted.label) continue;
    if (own.name.startsWith(trusted.label) || own.name.endsWith(trusted.label)) continue;
    if (editDistance(own.name, trusted.label, 1) === 1)
      return {
        kind: 'typosquat',
        trusted: trusted.domain,
        detail: `${own.domain} is one edit away from ${trusted.domain}`,
      };
  }
  return null;
}, MEMO_LIMIT);

/**
 * A trusted service's sign-in path on a host that is not that service but wears its name: a look-alike, or a
 * registrable name that contains the brand (`github-login.com`). A company's own GitHub Enterprise host
 * (`github.example.com`) has the brand only as a subdomain and is left out.
 */
export function lookalikeSignInOf(host: string, url: string): string | null {
  if (ipVersion(host) !== null || isTrustedHost(host)) return null;
  const own = registrable(host);
  if (own === null) return null;
  const path = urlPath(url).toLowerCase();
  const imitated = lookalikeOf(host);
  for (const trusted of TRUSTED) {
    const signIn = trusted.signIn.find((prefix) => pathHasPrefix(path, prefix));
    if (signIn === undefined) continue;
    const wears =
      imitated?.trusted === trusted.domain ||
      (own.name !== trusted.label && own.name.includes(trusted.label));
    if (wears) return `${trusted.domain} sign-in path ${signIn} on ${own.domain}`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Export-restricted regions

type Regime = 'us' | 'eu';

const REGIMES = classes['export-restricted-cctlds'].regimes;

export interface ExportRegionFinding {
  readonly tld: string;
  readonly country: string;
  readonly regimes: readonly Regime[];
}

/** The ccTLD of a host when it belongs to a country under the US or EU programmes of the data file. */
export const exportRestrictedTldOf: (host: string) => ExportRegionFinding | null = memoize((host) => {
  if (ipVersion(host) !== null) return null;
  const parsed = parseDomain(bareHost(host), { allowPrivateDomains: false });
  if (!parsed.isIcann || !parsed.publicSuffix || !parsed.domain) return null;
  const tld = parsed.publicSuffix.slice(parsed.publicSuffix.lastIndexOf('.') + 1);
  const us = (REGIMES.us.tlds as Record<string, string>)[tld];
  const eu = (REGIMES.eu.tlds as Record<string, string>)[tld];
  if (us === undefined && eu === undefined) return null;
  const regimes: Regime[] = [];
  if (us !== undefined) regimes.push('us');
  if (eu !== undefined) regimes.push('eu');
  return { tld, country: (us ?? eu)!, regimes };
}, MEMO_LIMIT);
