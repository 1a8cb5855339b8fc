import { z } from 'zod';
import { AssayError } from '../core/errors.ts';
import { parseRegistryJson } from './json.ts';

/** One file from a project page of the Simple Repository API, in either representation. */
export interface SimpleFile {
  readonly filename: string;
  /** Absolute, without the hash fragment. */
  readonly url: string;
  readonly hashes: Readonly<Record<string, string>>;
  readonly requiresPython?: string;
  readonly yanked: boolean;
  readonly yankedReason?: string;
  readonly size?: number;
  readonly uploadTime?: string;
  /** PEP 740: where the index serves the file's provenance (absolute), when it links one. */
  readonly provenance?: string;
}

export interface SimpleProject {
  readonly name?: string;
  readonly files: readonly SimpleFile[];
  /** PEP 700 (API 1.1): every version, including those without files. */
  readonly versions?: readonly string[];
}

/** Content negotiation of PEP 691: JSON first, then the versioned HTML, then the legacy PEP 503 page. */
export const SIMPLE_ACCEPT =
  'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01';

const MAX_FILES = 200_000;

function resolveUrl(href: string, base: string): { url: string; fragment: string } | undefined {
  try {
    const u = new URL(href, base);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    const fragment = u.hash.replace(/^#/, '');
    u.hash = '';
    return { url: u.toString(), fragment };
  } catch {
    return undefined;
  }
}

function basename(url: string): string {
  try {
    const last = new URL(url).pathname.split('/').pop() ?? '';
    return decodeURIComponent(last);
  } catch {
    return '';
  }
}

const JsonFile = z.looseObject({
  filename: z.string(),
  url: z.string(),
  hashes: z.record(z.string(), z.string()),
  'requires-python': z.string().nullable().optional(),
  yanked: z.union([z.boolean(), z.string()]).optional(),
  size: z.number().int().nonnegative().optional(),
  'upload-time': z.string().nullable().optional(),
  provenance: z.string().nullable().optional(),
});
const JsonProject = z.looseObject({
  meta: z.looseObject({ 'api-version': z.string() }),
  name: z.string().optional(),
  files: z.array(JsonFile).max(MAX_FILES),
  versions: z.array(z.string()).optional(),
});

/** PEP 691 project detail (with the PEP 700 additions). URLs are resolved against the page URL. */
export function parseSimpleJson(body: Buffer, pageUrl: string): SimpleProject {
  const data = parseRegistryJson(body, JsonProject, `the Simple API JSON at ${pageUrl}`);
  // PEP 629: a client must refuse a major version it does not know; a newer minor only adds fields.
  const major = data.meta['api-version'].split('.')[0];
  if (major !== '1') {
    throw new AssayError(
      'E_METADATA',
      `The package index speaks Simple API ${data.meta['api-version']}; assay knows 1.x.`,
    );
  }
  const files: SimpleFile[] = [];
  for (const f of data.files) {
    const resolved = resolveUrl(f.url, pageUrl);
    if (resolved === undefined) continue;
    const yanked = f.yanked !== undefined && f.yanked !== false;
    const provenance = f.provenance ? resolveUrl(f.provenance, pageUrl)?.url : undefined;
    files.push({
      filename: f.filename,
      url: resolved.url,
      hashes: lowerHashes(f.hashes),
      yanked,
      ...(typeof f.yanked === 'string' && f.yanked !== '' ? { yankedReason: f.yanked } : {}),
      ...(f['requires-python'] ? { requiresPython: f['requires-python'] } : {}),
      ...(f.size !== undefined ? { size: f.size } : {}),
      ...(f['upload-time'] ? { uploadTime: f['upload-time'] } : {}),
      ...(provenance !== undefined ? { provenance } : {}),
    });
  }
  return {
    files,
    ...(data.name !== undefined ? { name: data.name } : {}),
    ...(data.versions !== undefined ? { versions: data.versions } : {}),
  };
}

function lowerHashes(hashes: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(hashes)) out[k.toLowerCase()] = v.toLowerCase();
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Character references as HTML writes them in attributes and text (`&gt;=3.8`, `&#39;`, `&#x27;`). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X'
          ? Number.parseInt(ref.slice(2), 16)
          : Number.parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

function parseAttributes(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  const re = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const m of text.matchAll(re)) {
    const name = (m[1] ?? '').toLowerCase();
    // HTML: the first occurrence of a duplicated attribute wins.
    if (!attributes.has(name)) attributes.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attributes;
}

/** The '>' that ends a start tag, skipping quoted attribute values (some indexes leave '>=3.8' unescaped). */
function findTagEnd(html: string, from: number): number {
  let quote = '';
  for (let i = from; i < html.length; i++) {
    const c = html[i];
    if (quote !== '') {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i;
    }
  }
  return -1;
}

/**
 * PEP 503 project page: one anchor per file, the text being the filename, an optional `#<hash>=<hex>`
 * fragment, `data-requires-python` (PEP 503, entity-encoded) and `data-yanked` (PEP 592: present means yanked,
 * its value the reason). Hand-parsed: the page is untrusted and only anchors (and `<base>`) matter.
 */
export function parseSimpleHtml(body: Buffer, pageUrl: string): SimpleProject {
  const html = body.toString('utf8');
  let base = pageUrl;
  const baseTag = /<base\s([^>]*)>/i.exec(html);
  const baseHref = baseTag ? parseAttributes(baseTag[1] ?? '').get('href') : undefined;
  if (baseHref !== undefined) base = resolveUrl(baseHref, pageUrl)?.url ?? pageUrl;
  const files: SimpleFile[] = [];
  const lower = html.toLowerCase();
  // A linear scan with indexOf: a regex with a lazy body could go quadratic on a page of unclosed anchors.
  for (let at = lower.indexOf('<a'); at >= 0 && files.length < MAX_FILES; at = lower.indexOf('<a', at + 2)) {
    const after = lower[at + 2];
    if (after !== '>' && after !== ' ' && after !== '\t' && after !== '\n' && after !== '\r') continue;
    const tagEnd = findTagEnd(html, at + 2);
    if (tagEnd < 0) break;
    const close = lower.indexOf('</a', tagEnd);
    if (close < 0) break;
    const attributes = parseAttributes(html.slice(at + 2, tagEnd));
    const inner = html.slice(tagEnd + 1, close);
    at = close;
    const href = attributes.get('href');
    if (href === undefined || href === '') continue;
    const resolved = resolveUrl(href, base);
    if (resolved === undefined) continue;
    const hashes: Record<string, string> = {};
    const fragment = /^([a-z0-9_]+)=([0-9a-f]+)$/i.exec(resolved.fragment);
    if (fragment) hashes[(fragment[1] ?? '').toLowerCase()] = (fragment[2] ?? '').toLowerCase();
    const text = decodeEntities(inner.replace(/<[^>]*>/g, '')).trim();
    const filename = text !== '' ? text : basename(resolved.url);
    if (filename === '') continue;
    const requiresPython = attributes.get('data-requires-python');
    const yanked = attributes.has('data-yanked');
    const yankedReason = attributes.get('data-yanked');
    const provenanceHref = attributes.get('data-provenance');
    const provenance = provenanceHref ? resolveUrl(provenanceHref, base)?.url : undefined;
    files.push({
      filename,
      url: resolved.url,
      hashes,
      yanked,
      ...(yanked && yankedReason !== undefined && yankedReason !== '' ? { yankedReason } : {}),
      ...(requiresPython !== undefined && requiresPython !== '' ? { requiresPython } : {}),
      ...(provenance !== undefined ? { provenance } : {}),
    });
  }
  return { files };
}

/** Picks the parser by the Content-Type the index answered with. */
export function parseSimpleProject(body: Buffer, contentType: string, pageUrl: string): SimpleProject {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'application/vnd.pypi.simple.v1+json' || type === 'application/vnd.pypi.simple.latest+json') {
    return parseSimpleJson(body, pageUrl);
  }
  if (type === 'application/json') return parseSimpleJson(body, pageUrl);
  return parseSimpleHtml(body, pageUrl);
}
