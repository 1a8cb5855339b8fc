/**
 * Reference lists about URL hosts and paths (shorteners, paste sites, webhooks, tunnels …) and the
 * small parsers the `url-*` behaviors share. These are facts about the web, kept in one place so
 * each behavior stays a few lines and the lists can be reviewed together. They live beside the
 * behaviors, not in src/analysis/: the analyzers only extract URLs (analysis/text/urls.ts), and which
 * host makes a URL worth a report is the behaviors' judgement.
 */
import { parse as parseDomain } from 'tldts';
import abusedTldData from '../../../data/abused-tlds.json' with { type: 'json' };
import { memoize } from '../../core/memo.ts';

// ---------------------------------------------------------------------------------------------
// Hosts

/**
 * A package repeats the same few hosts in thousands of URLs, and a dozen `url-*` behaviors each ask
 * about every URL: per-host answers are kept, in a map cleared when it grows past this size.
 */
const HOST_MEMO_LIMIT = 4096;

function memo<T>(compute: (host: string) => T): (host: string) => T {
  return memoize(compute, HOST_MEMO_LIMIT);
}

/** Host without IPv6 brackets and without a trailing dot. */
export const bareHost: (host: string) => string = memo((host) => {
  const h = host.toLowerCase().replace(/\.$/, '');
  return h.startsWith('[') && h.endsWith(']') ? h.slice(1, -1) : h;
});

/** The host and each parent domain, longest first: 'a.b.com' → a.b.com, b.com, com. */
export function hostAndParents(host: string): string[] {
  const h = bareHost(host);
  const out = [h];
  for (let dot = h.indexOf('.'); dot >= 0; dot = h.indexOf('.', dot + 1)) out.push(h.slice(dot + 1));
  return out;
}

/**
 * Entries keyed by domain, looked up by the host and its parents: one map probe per label instead of a
 * suffix test per listed domain. Entries of one domain keep their list order.
 */
function byDomain<T extends { readonly domain: string }>(
  entries: readonly T[],
): (host: string) => readonly T[] {
  const map = new Map<string, T[]>();
  for (const entry of entries) {
    const list = map.get(entry.domain);
    if (list === undefined) map.set(entry.domain, [entry]);
    else list.push(entry);
  }
  return memo((host) => {
    const found: T[] = [];
    for (const name of hostAndParents(host)) found.push(...(map.get(name) ?? []));
    // The original lists are scanned in order; keep that order when several domains match.
    return found.sort((a, b) => entries.indexOf(a) - entries.indexOf(b));
  });
}

/** Path, query and fragment of a URL as written ('' when none). */
export function urlRest(url: string): string {
  const afterScheme = url.indexOf('://');
  const tail = afterScheme < 0 ? url : url.slice(afterScheme + 3);
  const end = tail.search(/[/?#]/);
  return end < 0 ? '' : tail.slice(end);
}

/** The path alone, without query and fragment, percent-decoded where possible. */
export function urlPath(url: string): string {
  const rest = urlRest(url);
  const cut = rest.search(/[?#]/);
  const path = cut < 0 ? rest : rest.slice(0, cut);
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

export type IpVersion = 4 | 6;

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function ipv4Octets(host: string): number[] | null {
  const m = IPV4.exec(host);
  if (!m) return null;
  const octets = m.slice(1, 5).map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

/** 4 or 6 when the host is an IP literal, else null. */
export function ipVersion(host: string): IpVersion | null {
  const h = bareHost(host);
  if (ipv4Octets(h)) return 4;
  if (host.startsWith('[') && h.includes(':')) return 6;
  return null;
}

/**
 * Addresses that never leave the machine or the local network: loopback (127.0.0.0/8, ::1),
 * unspecified (0.0.0.0, ::), RFC 1918 private ranges, IPv6 unique-local (fc00::/7) and link-local
 * (fe80::/10). 169.254.0.0/16 is left out on purpose: 169.254.169.254 is the cloud metadata
 * service, a classic target of credential theft.
 */
export function isLocalAddress(host: string): boolean {
  const h = bareHost(host);
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  const o = ipv4Octets(h);
  if (o) {
    const [a, b] = o as [number, number, number, number];
    return (
      a === 127 ||
      a === 10 ||
      (a === 0 && o.every((x) => x === 0)) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168)
    );
  }
  if (!h.includes(':')) return false;
  const v6 = h.split('%')[0]!;
  if (v6 === '::1' || v6 === '::' || /^0*:(?:0*:)*0*1?$/.test(v6)) return true;
  return /^f[cd][0-9a-f]{0,2}:/.test(v6) || /^fe[89ab][0-9a-f]?:/.test(v6);
}

// ---------------------------------------------------------------------------------------------
// Ports

const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  http: 80,
  https: 443,
  ftp: 21,
  ftps: 990,
  ws: 80,
  wss: 443,
};

/** The scheme's standard port, when assay knows it. */
export function defaultPort(scheme: string): number | undefined {
  return DEFAULT_PORTS[scheme.toLowerCase()];
}

// ---------------------------------------------------------------------------------------------
// TLDs

interface AbusedTldEntry {
  readonly tld: string;
  readonly sources: readonly string[];
}

const ABUSED_TLDS: ReadonlyMap<string, readonly string[]> = new Map(
  (abusedTldData.tlds as readonly AbusedTldEntry[]).map((entry) => [entry.tld, entry.sources]),
);

/** Date of the hand-kept abused-TLD list, shown in docs and reports. */
export const ABUSED_TLDS_UPDATED: string = abusedTldData.updated;

export interface TldFinding {
  readonly tld: string;
  /** Keys of data/abused-tlds.json `sources`. */
  readonly sources: readonly string[];
}

/**
 * The abused TLD of a host, read with the public suffix list so `x.co.uk` is `uk` and a private
 * suffix such as `ngrok-free.app` still ends in `app`. IP literals and single-label hosts have none.
 */
export const abusedTld: (host: string) => TldFinding | null = memo(abusedTldOf);

function abusedTldOf(host: string): TldFinding | null {
  const h = bareHost(host);
  if (ipVersion(host) !== null || !h.includes('.')) return null;
  const parsed = parseDomain(h, { allowPrivateDomains: false });
  if (!parsed.isIcann || !parsed.publicSuffix) return null;
  const tld = parsed.publicSuffix.slice(parsed.publicSuffix.lastIndexOf('.') + 1);
  const sources = ABUSED_TLDS.get(tld);
  return sources ? { tld, sources } : null;
}

// ---------------------------------------------------------------------------------------------
// Service lists. Each entry names a domain matched with its subdomains unless noted.

/** Link shorteners and IP-logging link services: the real destination is hidden behind a redirect. */
export const SHORTENER_DOMAINS: readonly string[] = [
  'bit.ly',
  'bitly.ws',
  'tinyurl.com',
  'is.gd',
  'v.gd',
  't.co',
  'goo.gl',
  'cutt.ly',
  'rb.gy',
  'ow.ly',
  'buff.ly',
  't.ly',
  'tiny.cc',
  'shorturl.at',
  'rebrand.ly',
  'bl.ink',
  's.id',
  'short.gy',
  'x.gd',
  'lnkd.in',
  'adf.ly',
  'shorte.st',
  'bc.vc',
  'soo.gd',
  'clck.ru',
  'u.to',
  '2no.co',
  'tinu.be',
  'urlz.fr',
  'surl.li',
  'iplogger.org',
  'iplogger.com',
  'grabify.link',
  'yip.su',
];

/** Paste and anonymous file-drop sites: easy places to stage a second stage or drop stolen data. */
export const PASTE_DOMAINS: readonly string[] = [
  'pastebin.com',
  'paste.ee',
  'hastebin.com',
  'ghostbin.com',
  'ghostbin.co',
  'rentry.co',
  'rentry.org',
  'termbin.com',
  'transfer.sh',
  'paste.rs',
  'dpaste.com',
  'dpaste.org',
  'controlc.com',
  'justpaste.it',
  'privatebin.net',
  'pastes.io',
  'ix.io',
  'sprunge.us',
  '0x0.st',
  'file.io',
  'gofile.io',
  'catbox.moe',
  'pastebin.pl',
  'paste.c-net.org',
  'bashupload.com',
  'temp.sh',
  'anonfiles.com',
  'pixeldrain.com',
];

interface HostPathRule {
  readonly domain: string;
  /** Path prefix (lowercase) that must follow the host; '' for any path. */
  readonly path: string;
  readonly label: string;
}

const ruleIndexes = new WeakMap<readonly HostPathRule[], (host: string) => readonly HostPathRule[]>();

function matchRules(rules: readonly HostPathRule[], host: string, url: string): string | null {
  let rulesFor = ruleIndexes.get(rules);
  if (rulesFor === undefined) {
    rulesFor = byDomain(rules);
    ruleIndexes.set(rules, rulesFor);
  }
  const candidates = rulesFor(host);
  if (candidates.length === 0) return null;
  const path = urlPath(url).toLowerCase();
  for (const rule of candidates) if (path.startsWith(rule.path)) return rule.label;
  return null;
}

/** Chat webhooks and request collectors: a URL that accepts posted data with no account of the sender. */
export const WEBHOOK_RULES: readonly HostPathRule[] = [
  { domain: 'discord.com', path: '/api/webhooks', label: 'Discord webhook' },
  { domain: 'discordapp.com', path: '/api/webhooks', label: 'Discord webhook' },
  { domain: 'api.telegram.org', path: '/bot', label: 'Telegram bot API' },
  { domain: 'hooks.slack.com', path: '', label: 'Slack incoming webhook' },
  { domain: 'webhook.office.com', path: '', label: 'Microsoft Teams webhook' },
  { domain: 'webhook.site', path: '', label: 'webhook.site request collector' },
  { domain: 'pipedream.net', path: '', label: 'Pipedream / RequestBin endpoint' },
  { domain: 'requestbin.net', path: '', label: 'RequestBin endpoint' },
  { domain: 'requestcatcher.com', path: '', label: 'Request Catcher endpoint' },
  { domain: 'beeceptor.com', path: '', label: 'Beeceptor endpoint' },
  { domain: 'maker.ifttt.com', path: '/trigger', label: 'IFTTT webhook' },
  // Out-of-band interaction servers: dependency-confusion probes report back through these.
  { domain: 'burpcollaborator.net', path: '', label: 'Burp Collaborator callback' },
  { domain: 'oastify.com', path: '', label: 'Burp Collaborator callback' },
  { domain: 'interact.sh', path: '', label: 'interactsh callback' },
  { domain: 'oast.fun', path: '', label: 'interactsh callback' },
  { domain: 'oast.pro', path: '', label: 'interactsh callback' },
  { domain: 'oast.live', path: '', label: 'interactsh callback' },
  { domain: 'oast.site', path: '', label: 'interactsh callback' },
  { domain: 'oast.online', path: '', label: 'interactsh callback' },
  { domain: 'oast.me', path: '', label: 'interactsh callback' },
  { domain: 'canarytokens.com', path: '', label: 'Canarytokens callback' },
];

/** Hosts that serve a file's raw bytes from a repository, gist or chat upload. */
export const RAW_CONTENT_RULES: readonly HostPathRule[] = [
  { domain: 'raw.githubusercontent.com', path: '', label: 'GitHub raw file' },
  { domain: 'gist.githubusercontent.com', path: '', label: 'GitHub gist raw file' },
  { domain: 'cdn.discordapp.com', path: '/attachments', label: 'Discord attachment' },
  { domain: 'media.discordapp.net', path: '/attachments', label: 'Discord attachment' },
  { domain: 'pastebin.com', path: '/raw', label: 'Pastebin raw paste' },
];

/** `/<owner>/<repo>/raw/…` on forges that serve raw files under the repository path. */
const FORGE_RAW_PATHS: readonly { domain: string; pattern: RegExp; label: string }[] = [
  { domain: 'github.com', pattern: /^\/[^/]+\/[^/]+\/raw\//, label: 'GitHub raw file' },
  { domain: 'gitlab.com', pattern: /^\/.+\/-\/raw\//, label: 'GitLab raw file' },
  { domain: 'bitbucket.org', pattern: /^\/[^/]+\/[^/]+\/raw\//, label: 'Bitbucket raw file' },
  { domain: 'codeberg.org', pattern: /^\/[^/]+\/[^/]+\/raw\//, label: 'Codeberg raw file' },
  { domain: 'gitee.com', pattern: /^\/[^/]+\/[^/]+\/raw\//, label: 'Gitee raw file' },
];

/** Tunnels and dynamic DNS: a stable name for a home machine or a laptop behind NAT. */
export const TUNNEL_DOMAINS: readonly { domain: string; label: string }[] = [
  { domain: 'ngrok.io', label: 'ngrok tunnel' },
  // Out-of-band interaction collectors: a lookup of <data>.<id>.oast.fun reports itself to whoever owns the id.
  { domain: 'oast.fun', label: 'interactsh out-of-band collector' },
  { domain: 'oast.pro', label: 'interactsh out-of-band collector' },
  { domain: 'oast.live', label: 'interactsh out-of-band collector' },
  { domain: 'oast.site', label: 'interactsh out-of-band collector' },
  { domain: 'oast.online', label: 'interactsh out-of-band collector' },
  { domain: 'oast.me', label: 'interactsh out-of-band collector' },
  { domain: 'interact.sh', label: 'interactsh out-of-band collector' },
  { domain: 'burpcollaborator.net', label: 'Burp Collaborator out-of-band collector' },
  { domain: 'oastify.com', label: 'Burp Collaborator out-of-band collector' },
  { domain: 'ngrok.app', label: 'ngrok tunnel' },
  { domain: 'ngrok-free.app', label: 'ngrok tunnel' },
  { domain: 'ngrok.dev', label: 'ngrok tunnel' },
  { domain: 'ngrok-free.dev', label: 'ngrok tunnel' },
  { domain: 'trycloudflare.com', label: 'Cloudflare quick tunnel' },
  { domain: 'serveo.net', label: 'Serveo tunnel' },
  { domain: 'serveousercontent.com', label: 'Serveo tunnel' },
  { domain: 'loca.lt', label: 'localtunnel' },
  { domain: 'localtunnel.me', label: 'localtunnel' },
  { domain: 'localhost.run', label: 'localhost.run tunnel' },
  { domain: 'lhr.life', label: 'localhost.run tunnel' },
  { domain: 'pinggy.link', label: 'Pinggy tunnel' },
  { domain: 'playit.gg', label: 'playit.gg tunnel' },
  { domain: 'portmap.io', label: 'portmap.io tunnel' },
  { domain: 'bore.pub', label: 'bore tunnel' },
  { domain: 'tunnelto.dev', label: 'tunnelto tunnel' },
  { domain: 'duckdns.org', label: 'Duck DNS dynamic DNS' },
  { domain: 'ddns.net', label: 'No-IP dynamic DNS' },
  { domain: 'hopto.org', label: 'No-IP dynamic DNS' },
  { domain: 'zapto.org', label: 'No-IP dynamic DNS' },
  { domain: 'sytes.net', label: 'No-IP dynamic DNS' },
  { domain: 'servebeer.com', label: 'No-IP dynamic DNS' },
  { domain: 'serveftp.com', label: 'No-IP dynamic DNS' },
  { domain: 'myftp.org', label: 'No-IP dynamic DNS' },
  { domain: 'no-ip.biz', label: 'No-IP dynamic DNS' },
  { domain: 'no-ip.info', label: 'No-IP dynamic DNS' },
  { domain: 'dyndns.org', label: 'DynDNS dynamic DNS' },
  { domain: 'dyndns.info', label: 'DynDNS dynamic DNS' },
  { domain: 'dynu.net', label: 'Dynu dynamic DNS' },
  { domain: 'mooo.com', label: 'FreeDNS dynamic DNS' },
  { domain: 'chickenkiller.com', label: 'FreeDNS dynamic DNS' },
];

/** Registry endpoints that publish packages or mint credentials: a worm uses them to spread itself. */
export const PUBLISHING_RULES: readonly HostPathRule[] = [
  { domain: 'upload.pypi.org', path: '/legacy', label: 'PyPI upload API' },
  { domain: 'test.pypi.org', path: '/legacy', label: 'TestPyPI upload API' },
  { domain: 'registry.npmjs.org', path: '/-/user/', label: 'npm login API' },
  { domain: 'registry.npmjs.org', path: '/-/v1/login', label: 'npm login API' },
  { domain: 'registry.npmjs.org', path: '/-/npm/v1/tokens', label: 'npm token API' },
  { domain: 'registry.npmjs.org', path: '/-/package/', label: 'npm package access API' },
];

function domainFinder(domains: readonly string[]): (host: string) => string | null {
  const lookup = byDomain(domains.map((domain) => ({ domain })));
  return (host) => lookup(host)[0]?.domain ?? null;
}

export const shortenerOf: (host: string) => string | null = domainFinder(SHORTENER_DOMAINS);

export const pasteSiteOf: (host: string) => string | null = domainFinder(PASTE_DOMAINS);

export function webhookOf(host: string, url: string): string | null {
  return matchRules(WEBHOOK_RULES, host, url);
}

const FORGE_DOMAINS = new Set(FORGE_RAW_PATHS.map((forge) => forge.domain));

export function rawContentOf(host: string, url: string): string | null {
  const direct = matchRules(RAW_CONTENT_RULES, host, url);
  if (direct) return direct;
  const h = bareHost(host);
  if (!FORGE_DOMAINS.has(h)) return null;
  const path = urlPath(url);
  for (const forge of FORGE_RAW_PATHS) {
    if (h === forge.domain && forge.pattern.test(path)) return forge.label;
  }
  return null;
}

const tunnelsFor = byDomain(TUNNEL_DOMAINS);

/** Tunnel or dynamic-DNS service of a host; only subdomains count (the service's own site does not). */
export const tunnelOf: (host: string) => string | null = memo((host) => {
  const h = bareHost(host);
  for (const entry of tunnelsFor(host)) {
    // www.<provider> is the provider's own website, not a tunnel.
    if (h !== entry.domain && h !== `www.${entry.domain}`) return entry.label;
  }
  // bore.pub hands out ports, not names: the bare host is the tunnel.
  if (h === 'bore.pub') return 'bore tunnel';
  return null;
});

export function publishingApiOf(host: string, url: string): string | null {
  return matchRules(PUBLISHING_RULES, host, url);
}

// ---------------------------------------------------------------------------------------------
// File extensions in URL paths

/**
 * Extensions of files that run, install or unpack: what a dropper downloads. `.com` is left out:
 * in a path it is far more often a domain name (`/web/2020/http://example.com`) than a DOS program.
 */
const INTERESTING_EXTENSIONS = new Set([
  'exe',
  'dll',
  'scr',
  'msi',
  'msix',
  'msp',
  'cpl',
  'bat',
  'cmd',
  'ps1',
  'psm1',
  'vbs',
  'vbe',
  'jse',
  'wsf',
  'hta',
  'lnk',
  'reg',
  'sh',
  'bash',
  'command',
  'apk',
  'ipa',
  'jar',
  'jnlp',
  'dmg',
  'pkg',
  'deb',
  'rpm',
  'appimage',
  'run',
  'zip',
  'rar',
  '7z',
  'tar',
  'tgz',
  'tar.gz',
  'tar.bz2',
  'tar.xz',
  'txz',
  'gz',
  'bz2',
  'xz',
  'cab',
  'iso',
  'img',
  'vhd',
  'bin',
  'elf',
  'so',
  'dylib',
]);

/** Document and media extensions a victim trusts: `invoice.pdf.exe` hides behind the first one. */
const DECOY_EXTENSIONS = new Set([
  'pdf',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'ppt',
  'pptx',
  'rtf',
  'txt',
  'csv',
  'jpg',
  'jpeg',
  'png',
  'gif',
  'bmp',
  'mp3',
  'mp4',
  'avi',
  'mov',
  'wav',
  'html',
  'htm',
  'odt',
]);

export interface FileExtensionFinding {
  /** The extension, without its dot ('exe', 'tar.gz'). */
  readonly extension: string;
  /** The decoy before it, for double extensions such as `report.pdf.exe`. */
  readonly decoy?: string;
}

/**
 * A cheap look at the raw text before the full parse: without percent-escapes, the path's last
 * extension must already be in the list (every two-part extension ends in one that is).
 */
function mayHaveInterestingExtension(url: string): boolean {
  if (url.includes('%')) return true;
  const afterScheme = url.indexOf('://');
  const from = afterScheme < 0 ? 0 : afterScheme + 3;
  let end = url.length;
  for (const mark of ['?', '#']) {
    const at = url.indexOf(mark, from);
    if (at >= 0 && at < end) end = at;
  }
  const slash = url.lastIndexOf('/', end - 1);
  if (slash < from) return false;
  const dot = url.lastIndexOf('.', end - 1);
  if (dot <= slash) return false;
  return INTERESTING_EXTENSIONS.has(url.slice(dot + 1, end).toLowerCase());
}

/** The executable, script, installer or archive extension the URL's last path segment ends with. */
export function interestingExtension(url: string): FileExtensionFinding | null {
  if (!mayHaveInterestingExtension(url)) return null;
  const path = urlPath(url);
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  // `.gz` or `.bashrc` alone is a hidden file's name, not a file with an extension.
  if (name === '' || !name.includes('.') || name.startsWith('.')) return null;
  const parts = name.split('.');
  if (parts.length < 2) return null;
  const last = parts.at(-1)!;
  const lastTwo = parts.length >= 3 ? `${parts.at(-2)}.${last}` : '';
  let extension: string | null = null;
  let used = 1;
  if (lastTwo !== '' && INTERESTING_EXTENSIONS.has(lastTwo)) {
    extension = lastTwo;
    used = 2;
  } else if (INTERESTING_EXTENSIONS.has(last)) {
    extension = last;
  }
  if (!extension) return null;
  const before = parts.length > used + 1 ? parts[parts.length - used - 1] : undefined;
  return before !== undefined && DECOY_EXTENSIONS.has(before) ? { extension, decoy: before } : { extension };
}

/**
 * XML namespace names look like URLs but are identifiers that nothing fetches; they turn up inside
 * base64 images (SVG) and XML documents embedded as data.
 */
const XML_NAMESPACE =
  /^https?:\/\/(?:www\.w3\.org\/(?:\d{4}\/|XML\/)|ns\.adobe\.com\/|purl\.org\/dc\/|schemas\.(?:microsoft\.com|openxmlformats\.org|android\.com)\/)/i;

export function isXmlNamespace(url: string): boolean {
  return XML_NAMESPACE.test(url);
}
