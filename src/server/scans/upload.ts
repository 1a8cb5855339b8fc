/**
 * Uploaded archives: kept to a size limit, written under a name the server makes (the visitor's file name
 * is only shown, escaped), scanned, then deleted.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpError } from '../errors.ts';
import type { ScanRequest } from './scan-report.ts';

/** The archive kinds a package comes in; the suffix tells the scanner how to read it. */
export const UPLOAD_SUFFIXES = ['.tar.gz', '.tgz', '.whl', '.zip', '.tar.bz2', '.tar.xz', '.tar'] as const;

export interface UploadOptions {
  readonly dir: string;
  readonly maxBytes: number;
}

export async function saveUpload(
  file: File,
  options: UploadOptions,
): Promise<ScanRequest & { kind: 'upload' }> {
  const filename = file.name.slice(0, 200);
  const lower = filename.toLowerCase();
  const suffix = UPLOAD_SUFFIXES.find((s) => lower.endsWith(s));
  if (suffix === undefined) {
    throw new HttpError(400, 'E_USAGE', `Upload a package archive (${UPLOAD_SUFFIXES.join(', ')}).`);
  }
  if (file.size > options.maxBytes) {
    throw new HttpError(413, 'E_TOO_LARGE', `The upload is larger than ${options.maxBytes} bytes.`);
  }
  if (file.size === 0) throw new HttpError(400, 'E_USAGE', 'The upload is empty.');
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const path = join(options.dir, `upload-${randomUUID()}${suffix}`);
  writeFileSync(path, new Uint8Array(await file.arrayBuffer()), { mode: 0o600 });
  return { kind: 'upload', path, filename };
}

export function discardUpload(request: ScanRequest): void {
  if (request.kind === 'upload') rmSync(request.path, { force: true });
}
