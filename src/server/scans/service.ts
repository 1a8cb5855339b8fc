/** Scan submission from the form and the API, shared: validation, upload handling, the runner. */
import type { Context } from 'hono';
import { HttpError } from '../errors.ts';
import type { ScanJobs } from './jobs.ts';
import { QueueFullError, type ScanJob } from './runner.ts';
import { registryTarget } from './scan-report.ts';
import { saveUpload, type UploadOptions } from './upload.ts';

export interface ScanService {
  readonly enabled: boolean;
  readonly maxUploadBytes: number;
  submitForm(c: Context): Promise<ScanJob>;
  submitTarget(target: unknown): Promise<ScanJob>;
  job(id: string): Promise<ScanJob | null>;
}

function runnerOrRefuse(runner: ScanJobs | null): ScanJobs {
  if (runner === null) throw new HttpError(403, 'E_SCANS_DISABLED', 'This server does not scan on request.');
  return runner;
}

/** Runs a submission, turning a full queue into a 503. */
async function submit(body: () => Promise<ScanJob>): Promise<ScanJob> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof QueueFullError) throw new HttpError(503, 'E_BUSY', error.message);
    throw error;
  }
}

export function scanService(runner: ScanJobs | null, uploads: UploadOptions): ScanService {
  return {
    enabled: runner !== null,
    maxUploadBytes: uploads.maxBytes,
    async submitForm(c) {
      const active = runnerOrRefuse(runner);
      const declared = Number(c.req.header('content-length') ?? '0');
      // The form's own fields add a little to the archive's bytes.
      if (declared > uploads.maxBytes + 64 * 1024) {
        throw new HttpError(413, 'E_TOO_LARGE', `The upload is larger than ${uploads.maxBytes} bytes.`);
      }
      let form: Record<string, string | File | (string | File)[]>;
      try {
        form = await c.req.parseBody();
      } catch {
        throw new HttpError(400, 'E_USAGE', 'The form could not be read.');
      }
      const file = form['file'];
      if (file instanceof File && file.size > 0) {
        const request = await saveUpload(file, uploads);
        return submit(() => active.submit(request, request.filename));
      }
      const target = form['target'];
      if (typeof target !== 'string')
        throw new HttpError(400, 'E_USAGE', 'Give a package name or purl, or a file.');
      return this.submitTarget(target);
    },
    async submitTarget(target) {
      const active = runnerOrRefuse(runner);
      if (typeof target !== 'string')
        throw new HttpError(400, 'E_USAGE', 'Expected {"target": "npm:NAME@VERSION"}.');
      const checked = registryTarget(target);
      return submit(() => active.submit({ kind: 'registry', target: checked }, checked));
    },
    async job(id) {
      return (await runner?.get(id)) ?? null;
    },
  };
}
