import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AssayError } from '../core/errors.ts';

/** Where osv.dev publishes one zip per ecosystem; `{ecosystem}` is replaced. */
export const DEFAULT_OSV_URL = 'https://osv-vulnerabilities.storage.googleapis.com/{ecosystem}/all.zip';
export const DEFAULT_ECOSYSTEMS: readonly string[] = ['PyPI', 'npm'];

export interface DownloadOptions {
  /** Abort when no byte arrives for this long. */
  readonly idleTimeoutMs?: number;
  /** Refuse archives larger than this. */
  readonly maxBytes?: number;
  readonly fetchImpl?: typeof fetch;
}

export interface DownloadResult {
  readonly path: string;
  readonly bytes: number;
  /** Bytes that were already on disk from an interrupted run and were not fetched again. */
  readonly resumedFrom: number;
}

export function osvUrl(template: string, ecosystem: string): string {
  return template.replaceAll('{ecosystem}', encodeURIComponent(ecosystem));
}

/**
 * Downloads `url` to `dest`. Bytes land in `dest.part` first; a later run asks for the rest with an
 * HTTP Range request, so a dropped connection on a 200 MB archive does not start over. The file is
 * renamed to `dest` only when complete, so a half-written archive is never imported.
 */
export async function downloadResumable(
  url: string,
  dest: string,
  options: DownloadOptions = {},
): Promise<DownloadResult> {
  const idleTimeoutMs = options.idleTimeoutMs ?? 30_000;
  const maxBytes = options.maxBytes ?? 2 * 1024 * 1024 * 1024;
  const doFetch = options.fetchImpl ?? fetch;
  const part = `${dest}.part`;
  await mkdir(dirname(dest), { recursive: true });
  const existing = await stat(part).then(
    (s) => s.size,
    () => 0,
  );

  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error(`no data for ${idleTimeoutMs} ms`)), idleTimeoutMs);
  };
  const host = hostOf(url);
  arm();
  try {
    let response: Response;
    try {
      response = await doFetch(url, {
        headers: existing > 0 ? { range: `bytes=${existing}-` } : {},
        signal: controller.signal,
        redirect: 'follow',
      });
    } catch (error) {
      throw new AssayError('E_NETWORK', `cannot reach ${host} to download ${url}: ${networkReason(error)}`, {
        cause: error,
      });
    }
    let offset = 0;
    if (response.status === 206 && existing > 0) {
      const start = /^bytes (\d+)-/.exec(response.headers.get('content-range') ?? '')?.[1];
      if (start === undefined || Number(start) !== existing) {
        await response.body?.cancel();
        await rm(part, { force: true });
        throw new AssayError(
          'E_NETWORK',
          `${host} answered the resume request with a mismatched range; run again`,
        );
      }
      offset = existing;
    } else if (response.status === 416 && existing > 0) {
      // Our partial file no longer fits what the server has (the archive changed): start over.
      await response.body?.cancel();
      await rm(part, { force: true });
      return downloadResumable(url, dest, options);
    } else if (!response.ok) {
      await response.body?.cancel();
      throw new AssayError('E_NETWORK', `${url} answered HTTP ${response.status}`);
    }
    const expected = totalSize(response, offset);
    if (expected !== null && expected > maxBytes) {
      await response.body?.cancel();
      throw new AssayError('E_NETWORK', `${url} is ${expected} bytes, over the ${maxBytes}-byte limit`);
    }
    if (response.body === null) throw new AssayError('E_NETWORK', `${url} sent no body`);

    const out = createWriteStream(part, { flags: offset > 0 ? 'a' : 'w' });
    let written = offset;
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        arm();
        written += chunk.byteLength;
        if (written > maxBytes)
          throw new AssayError('E_NETWORK', `${url} exceeds the ${maxBytes}-byte limit`);
        if (!out.write(chunk)) await new Promise<void>((done) => out.once('drain', () => done()));
      }
    } catch (error) {
      await closeStream(out);
      if (error instanceof AssayError) throw error;
      throw new AssayError(
        'E_NETWORK',
        `download of ${url} was interrupted after ${written} bytes (${networkReason(error)}); run again to resume`,
        { cause: error },
      );
    }
    await closeStream(out);
    if (expected !== null && written !== expected) {
      throw new AssayError(
        'E_NETWORK',
        `download of ${url} stopped at ${written} of ${expected} bytes; run again to resume`,
      );
    }
    await rename(part, dest);
    return { path: dest, bytes: written, resumedFrom: offset };
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

function totalSize(response: Response, offset: number): number | null {
  const range = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1];
  if (range !== undefined) return Number(range);
  const length = response.headers.get('content-length');
  if (length !== null && /^\d+$/.test(length)) return offset + Number(length);
  return null;
}

function closeStream(stream: NodeJS.WritableStream & { close?: (cb: () => void) => void }): Promise<void> {
  return new Promise((done) => stream.end(() => done()));
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** fetch hides the useful part (ENOTFOUND, ECONNREFUSED) in `cause`. */
function networkReason(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof Error) {
      const code = (cause as { code?: unknown }).code;
      return typeof code === 'string' ? `${code}: ${cause.message}` : cause.message;
    }
    return error.message;
  }
  return String(error);
}
