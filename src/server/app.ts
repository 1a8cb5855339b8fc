/**
 * The site and API as one Hono app, built from its dependencies so that tests run it in-process with
 * `app.request()` and the CLI only adds a listening socket (start.ts).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { etag } from 'hono/etag';
import type { BehaviorDefinition, PolicyDefinition } from '../catalog/types.ts';
import { registerApi } from './api/routes.ts';
import type { SiteIndex } from './data/types.ts';
import { errorResponse, handleError } from './errors.ts';
import { registerPages } from './pages.ts';
import type { ReportArchive } from './reports.ts';
import { responseCache } from './response-cache.ts';
import type { ScanJobs } from './scans/jobs.ts';
import { scanService } from './scans/service.ts';
import { securityHeaders } from './security.ts';
import { type ExcerptReader, Site } from './site.ts';

export const DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 ** 2;

export interface AppDeps {
  readonly index: SiteIndex;
  readonly reports: ReportArchive;
  readonly behaviors: readonly BehaviorDefinition[];
  readonly policies: readonly PolicyDefinition[];
  /** Scans on request, in-process or on the community queue; null: the server does not scan on request. */
  readonly runner: ScanJobs | null;
  readonly excerpt?: ExcerptReader;
  readonly uploadDir?: string;
  readonly maxUploadBytes?: number;
  /** Where internal errors are logged (never sent to the visitor). */
  readonly log?: (line: string) => void;
}

export function createApp(deps: AppDeps): Hono {
  const site = new Site({
    index: deps.index,
    reports: deps.reports,
    behaviors: deps.behaviors,
    policies: deps.policies,
    ...(deps.excerpt === undefined ? {} : { excerpt: deps.excerpt }),
  });
  const maxUploadBytes = deps.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
  const scans = scanService(deps.runner, {
    dir: deps.uploadDir ?? join(tmpdir(), 'assay-serve-uploads'),
    maxBytes: maxUploadBytes,
  });
  const log = deps.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const app = new Hono();
  app.use('*', securityHeaders());
  app.use('*', etag());
  app.use(
    '*',
    responseCache({
      revision: async () => `${await deps.index.revision()}:${deps.reports.generation}`,
      skip: (path) => path.startsWith('/scan') || path.startsWith('/api/v1/scans'),
    }),
  );
  // Bodies are read into memory: cap them before they are read (uploads get a little room for the form).
  const tooLarge = bodyLimit({
    maxSize: maxUploadBytes + 64 * 1024,
    onError: (c) =>
      errorResponse(c, 413, 'E_TOO_LARGE', `The request is larger than ${maxUploadBytes} bytes.`),
  });
  app.post('/scan', tooLarge);
  app.post(
    '/api/v1/scans',
    bodyLimit({
      maxSize: 16 * 1024,
      onError: (c) => errorResponse(c, 413, 'E_TOO_LARGE', 'The request body is too large.'),
    }),
  );
  registerApi(app, site, scans);
  registerPages(app, site, scans);
  app.notFound((c) => errorResponse(c, 404, 'E_NOT_FOUND', 'No such page.'));
  app.onError((error, c) => handleError(error, c, log));
  return app;
}
