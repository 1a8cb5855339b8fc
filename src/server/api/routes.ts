/** The JSON API under /api/v1: the pages' models as JSON, described by openapi.json. */
import type { Context, Hono } from 'hono';
import type { Ecosystem } from '../../metadata/types.ts';
import { HttpError } from '../errors.ts';
import { ecosystemOf, evidenceIndex } from '../pages.ts';
import { packagePath, parsePackageRoute } from '../paths.ts';
import type { ScanJob } from '../scans/runner.ts';
import type { ScanService } from '../scans/service.ts';
import { CACHE_PAGE } from '../security.ts';
import type { Site } from '../site.ts';
import { openApiDocument } from './openapi.ts';

function json(c: Context, body: unknown, cache: string = CACHE_PAGE): Response {
  c.header('Cache-Control', cache);
  return c.json(body);
}

function jobBody(job: ScanJob) {
  const target = job.report?.target;
  return {
    id: job.id,
    label: job.label,
    state: job.state,
    position: job.position,
    submittedAt: job.submittedAt,
    ...(job.startedAt === undefined ? {} : { startedAt: job.startedAt }),
    ...(job.finishedAt === undefined ? {} : { finishedAt: job.finishedAt }),
    ...(job.error === undefined ? {} : { error: job.error }),
    ...(target === undefined
      ? {}
      : {
          result: {
            ecosystem: target.ecosystem,
            name: target.name,
            version: target.version,
            verdict: job.report?.verdict.level,
            page: packagePath(target.ecosystem, target.name, target.version),
            api: `/api/v1/packages${packagePath(target.ecosystem, target.name, target.version)}`,
          },
        }),
  };
}

function ecosystemFilter(text: string | undefined): Ecosystem | null {
  if (text === undefined || text === '') return null;
  return ecosystemOf(text);
}

export function registerApi(app: Hono, site: Site, scans: ScanService): void {
  const api = '/api/v1';

  app.get(`${api}/openapi.json`, (c) => json(c, openApiDocument()));

  app.get(`${api}/index`, async (c) => json(c, await site.home()));

  app.get(`${api}/search`, async (c) => {
    const query = c.req.query('q');
    if (query === undefined || query.trim() === '' || query.length > 300) {
      throw new HttpError(400, 'E_USAGE', 'Expected ?q= with 1 to 300 characters.');
    }
    const ecosystem = ecosystemFilter(c.req.query('ecosystem'));
    return json(c, { query, results: await site.search(query, ecosystem) });
  });

  app.get(`${api}/reports`, async (c) => {
    const purl = c.req.query('purl') ?? '';
    const target = site.exactTarget(purl);
    if (target === null || target.version === undefined) {
      throw new HttpError(400, 'E_USAGE', 'Expected ?purl=pkg:TYPE/NAME@VERSION.');
    }
    const report = site.reports.get(target.ecosystem, target.name, target.version);
    if (report === null) {
      throw new HttpError(
        404,
        'E_NOT_FOUND',
        'The server holds no full report for this version; submit a scan.',
      );
    }
    return json(c, report);
  });

  app.get(`${api}/catalog`, (c) => json(c, { entries: site.entries }));

  for (const [prefix, kind] of [
    ['behaviors', 'behavior'],
    ['issues', 'issue'],
  ] as const) {
    app.get(`${api}/catalog/${prefix}/:id`, async (c) => {
      const model = await site.catalogItem(kind, c.req.param('id'));
      if (model === null) throw new HttpError(404, 'E_NOT_FOUND', `No ${kind} with that id.`);
      return json(c, model);
    });
    app.get(`${api}/prevalence/${prefix}/:id`, async (c) => {
      const model = await site.catalogItem(kind, c.req.param('id'));
      if (model === null) throw new HttpError(404, 'E_NOT_FOUND', `No ${kind} with that id.`);
      return json(c, {
        kind,
        id: model.entry.id,
        ecosystems: model.ecosystems.map((e) => ({ ecosystem: e.ecosystem, prevalence: e.prevalence })),
      });
    });
  }

  app.post(`${api}/scans`, async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new HttpError(400, 'E_USAGE', 'Expected a JSON body {"target": "npm:NAME@VERSION"}.');
    }
    const target =
      typeof body === 'object' && body !== null ? (body as { target?: unknown }).target : undefined;
    const job = await scans.submitTarget(target);
    c.header('Cache-Control', 'no-store');
    c.header('Location', `${api}/scans/${job.id}`);
    return c.json(jobBody(job), 202);
  });

  app.get(`${api}/scans/:id`, async (c) => {
    const job = await scans.job(c.req.param('id'));
    if (job === null) throw new HttpError(404, 'E_NOT_FOUND', 'No such scan.');
    return json(c, jobBody(job), 'no-store');
  });

  app.get(`${api}/packages/:ecosystem/*`, async (c) => {
    const ecosystem = ecosystemOf(c.req.param('ecosystem'));
    const rest = c.req.path.slice(`${api}/packages/${ecosystem}/`.length);
    const route = parsePackageRoute(ecosystem, rest);
    if (route === null) throw new HttpError(404, 'E_NOT_FOUND', 'No such package URL.');
    if (route.evidence && route.version !== undefined) {
      const { kind, id, n } = evidenceIndex(c);
      const found = await site.evidence(ecosystem, route.name, route.version, kind, id, n);
      if (found === null) throw new HttpError(404, 'E_NOT_FOUND', 'No such evidence in a stored report.');
      return json(c, { kind, id, title: found.title, item: found.item, excerpt: found.excerpt });
    }
    const view = await site.package(ecosystem, route.name, route.version);
    if (view === null)
      throw new HttpError(404, 'E_NOT_FOUND', 'This package (or version) is not in the index.');
    return json(c, view);
  });

  app.all(`${api}/*`, () => {
    throw new HttpError(404, 'E_NOT_FOUND', 'No such API route.');
  });
}
