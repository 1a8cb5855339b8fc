import { z } from 'zod';
import { normalizePypiName } from '../sources/names.ts';
import { parseDistFilename } from '../sources/pypi-files.ts';
import type { SimpleFile, SimpleProject } from '../sources/simple.ts';

/** A file the proxy listed: where the bytes really are and the digests the index published. */
export interface PypiFile {
  readonly project: string;
  readonly version: string;
  readonly filename: string;
  readonly upstreamUrl: string;
  readonly hashes: Readonly<Record<string, string>>;
  /** PEP 740: the upstream index's provenance link for the file, when it lists one. */
  readonly provenance?: string;
}

/** `/pypi/files/<project>/<filename>`: only files the proxy listed itself are served (no open relay). */
export function proxiedFilePath(project: string, filename: string): string {
  return `/pypi/files/${normalizePypiName(project)}/${encodeURIComponent(filename)}`;
}

export interface FilteredProject {
  readonly files: readonly SimpleFile[];
  readonly listed: readonly PypiFile[];
  readonly hidden: readonly { readonly version: string; readonly publishedAt?: string }[];
}

/**
 * A release's age is that of its first upload. Releases younger than `minAgeMs`, or with a file the index does
 * not date while an age is required, are dropped from the listing, so pip resolves an older one.
 */
export function filterProject(
  project: string,
  page: SimpleProject,
  options: { readonly proxyBase: string; readonly now: Date; readonly minAgeMs: number },
): FilteredProject {
  const firstUpload = new Map<string, number>();
  for (const file of page.files) {
    const version = parseDistFilename(file.filename, project)?.version ?? '';
    const at = file.uploadTime === undefined ? Number.NaN : Date.parse(file.uploadTime);
    const seen = firstUpload.get(version);
    if (seen === undefined || !(at >= seen)) firstUpload.set(version, at);
  }
  const young = new Set<string>();
  const hidden: { version: string; publishedAt?: string }[] = [];
  if (options.minAgeMs > 0) {
    for (const [version, at] of firstUpload) {
      if (Number.isFinite(at) && options.now.getTime() - at >= options.minAgeMs) continue;
      young.add(version);
      hidden.push({ version, ...(Number.isFinite(at) ? { publishedAt: new Date(at).toISOString() } : {}) });
    }
  }
  const files: SimpleFile[] = [];
  const listed: PypiFile[] = [];
  for (const file of page.files) {
    const version = parseDistFilename(file.filename, project)?.version;
    if (version === undefined || young.has(version)) continue;
    listed.push({
      project,
      version,
      filename: file.filename,
      upstreamUrl: file.url,
      hashes: file.hashes,
      ...(file.provenance === undefined ? {} : { provenance: file.provenance }),
    });
    // The provenance link stays the upstream's: it is signed metadata, not code, and clients verify it themselves.
    files.push({ ...file, url: `${options.proxyBase}${proxiedFilePath(project, file.filename)}` });
  }
  return { files, listed, hidden };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function hashFragment(hashes: Readonly<Record<string, string>>): string {
  const name = ['sha256', 'sha384', 'sha512'].find((algorithm) => hashes[algorithm] !== undefined);
  return name === undefined ? '' : `#${name}=${hashes[name]}`;
}

/** PEP 503 project page (with PEP 592 yanks and data-requires-python). */
export function renderSimpleHtml(project: string, files: readonly SimpleFile[]): string {
  const links = files.map((file) => {
    const attributes = [`href="${escapeHtml(file.url + hashFragment(file.hashes))}"`];
    if (file.requiresPython !== undefined) {
      attributes.push(`data-requires-python="${escapeHtml(file.requiresPython)}"`);
    }
    if (file.yanked) attributes.push(`data-yanked="${escapeHtml(file.yankedReason ?? '')}"`);
    if (file.provenance !== undefined) attributes.push(`data-provenance="${escapeHtml(file.provenance)}"`);
    return `    <a ${attributes.join(' ')}>${escapeHtml(file.filename)}</a><br/>`;
  });
  return [
    '<!DOCTYPE html>',
    '<html>',
    `  <head><meta name="pypi:repository-version" content="1.1"><title>Links for ${escapeHtml(project)}</title></head>`,
    '  <body>',
    `    <h1>Links for ${escapeHtml(project)}</h1>`,
    ...links,
    '  </body>',
    '</html>',
    '',
  ].join('\n');
}

/** PEP 691 JSON (API 1.1: `versions`, `size`, `upload-time`). */
export function renderSimpleJson(project: string, files: readonly SimpleFile[]): string {
  const versions = [...new Set(files.map((file) => parseDistFilename(file.filename, project)?.version ?? ''))]
    .filter(Boolean)
    .sort();
  return JSON.stringify({
    // PEP 740 added `provenance` in API 1.3; a page without it stays 1.1.
    meta: { 'api-version': files.some((file) => file.provenance !== undefined) ? '1.3' : '1.1' },
    name: normalizePypiName(project),
    versions,
    files: files.map((file) => ({
      filename: file.filename,
      url: file.url,
      hashes: file.hashes,
      'requires-python': file.requiresPython ?? null,
      yanked: file.yanked ? (file.yankedReason ?? true) : false,
      ...(file.size === undefined ? {} : { size: file.size }),
      ...(file.uploadTime === undefined ? {} : { 'upload-time': file.uploadTime }),
      ...(file.provenance === undefined ? {} : { provenance: file.provenance }),
    })),
  });
}

const JsonApiFile = z.looseObject({
  filename: z.string(),
  url: z.string(),
  digests: z.record(z.string(), z.string()).default({}),
  upload_time_iso_8601: z.string().optional(),
});
const JsonApi = z.looseObject({
  info: z.looseObject({ name: z.string(), version: z.string().optional() }),
  releases: z.record(z.string(), z.array(JsonApiFile)).optional(),
  urls: z.array(JsonApiFile).optional(),
});

/**
 * PyPI's JSON API (`/pypi/<project>/json`) with the same treatment: file URLs point at the proxy, and releases
 * younger than the minimum age are dropped (from `releases`, and `urls` when the release shown is one of them).
 */
export function rewriteJsonApi(
  raw: unknown,
  options: { readonly proxyBase: string; readonly now: Date; readonly minAgeMs: number },
): {
  readonly body: Record<string, unknown>;
  readonly listed: readonly PypiFile[];
  readonly hidden: readonly string[];
} {
  const data = JsonApi.parse(raw);
  const project = data.info.name;
  const listed: PypiFile[] = [];
  const hidden: string[] = [];
  const rewrite = (version: string, files: readonly z.infer<typeof JsonApiFile>[]) =>
    files.map((file) => {
      listed.push({ project, version, filename: file.filename, upstreamUrl: file.url, hashes: file.digests });
      return { ...file, url: `${options.proxyBase}${proxiedFilePath(project, file.filename)}` };
    });
  const young = (files: readonly z.infer<typeof JsonApiFile>[]) => {
    if (options.minAgeMs <= 0) return false;
    const times = files.map((file) => Date.parse(file.upload_time_iso_8601 ?? ''));
    const first = Math.min(...times);
    return times.length > 0 && (!Number.isFinite(first) || options.now.getTime() - first < options.minAgeMs);
  };
  const releases: Record<string, unknown> = {};
  for (const [version, files] of Object.entries(data.releases ?? {})) {
    if (young(files)) hidden.push(version);
    else releases[version] = rewrite(version, files);
  }
  const shown = data.info.version ?? '';
  const urls = data.urls === undefined ? undefined : young(data.urls) ? [] : rewrite(shown, data.urls);
  if (urls !== undefined && urls.length === 0 && data.urls !== undefined && data.urls.length > 0)
    hidden.push(shown);
  return {
    body: {
      ...data,
      ...(data.releases === undefined ? {} : { releases }),
      ...(urls === undefined ? {} : { urls }),
    },
    listed,
    hidden: [...new Set(hidden)],
  };
}
