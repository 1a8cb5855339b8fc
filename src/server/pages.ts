/** The HTML pages: each route asks the Site for a model and renders it. */
import type { Context, Hono } from 'hono';
import type { Ecosystem } from '../metadata/types.ts';
import { HttpError } from './errors.ts';
import type { Html } from './html.ts';
import { packagePath, parsePackageRoute } from './paths.ts';
import type { ScanService } from './scans/service.ts';
import { CACHE_PAGE, CACHE_STATIC } from './security.ts';
import type { Site } from './site.ts';
import { catalogItemPage, catalogListPage } from './views/catalog.ts';
import { evidencePage } from './views/evidence.ts';
import { homePage, searchPage } from './views/home.ts';
import { packagePage } from './views/package.ts';
import { scanFormPage, scanStatusPage } from './views/scan.ts';
import { SITE_CSS } from './views/style.ts';

function send(c: Context, body: Html, cache: string = CACHE_PAGE): Response {
  c.header('Cache-Control', cache);
  return c.html(body.toString());
}

export function ecosystemOf(text: string): Ecosystem {
  if (text === 'npm' || text === 'pypi') return text;
  throw new HttpError(404, 'E_NOT_FOUND', 'No such page.');
}

export function evidenceIndex(c: Context): { kind: 'behavior' | 'issue'; id: string; n: number } {
  const kind = c.req.query('kind');
  const id = c.req.query('id');
  const n = Number(c.req.query('n') ?? '0');
  if ((kind !== 'behavior' && kind !== 'issue') || id === undefined || !Number.isSafeInteger(n) || n < 0) {
    throw new HttpError(400, 'E_USAGE', 'Expected ?kind=behavior|issue&id=ID&n=N.');
  }
  return { kind, id, n };
}

export function registerPages(app: Hono, site: Site, scans: ScanService): void {
  app.get('/static/site.css', (c) => {
    c.header('Cache-Control', CACHE_STATIC);
    return c.body(SITE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  // Browsers ask for it on their own; an empty answer keeps a 404 out of every page's console.
  app.get('/favicon.ico', (c) => {
    c.header('Cache-Control', CACHE_STATIC);
    return c.body(null, 204);
  });

  app.get('/', async (c) => send(c, homePage(await site.home())));

  app.get('/search', async (c) => {
    const query = (c.req.query('q') ?? '').slice(0, 300);
    const exact = site.exactTarget(query);
    if (exact !== null) {
      const view = await site.package(exact.ecosystem, exact.name, exact.version);
      if (view !== null) return c.redirect(packagePath(view.ecosystem, view.name, exact.version), 303);
    }
    return send(c, searchPage(query, await site.search(query, null)));
  });

  app.get('/catalog', (c) => send(c, catalogListPage(site.entries)));

  for (const [prefix, kind] of [
    ['behaviors', 'behavior'],
    ['issues', 'issue'],
  ] as const) {
    app.get(`/${prefix}/:id`, async (c) => {
      const model = await site.catalogItem(kind, c.req.param('id'));
      if (model === null) throw new HttpError(404, 'E_NOT_FOUND', `No ${kind} with that id.`);
      return send(c, catalogItemPage(model));
    });
  }

  app.get('/scan', (c) =>
    send(
      c,
      scanFormPage({
        enabled: scans.enabled,
        maxUploadBytes: scans.maxUploadBytes,
        target: c.req.query('target') ?? '',
      }),
      'no-store',
    ),
  );

  app.post('/scan', async (c) => {
    const job = await scans.submitForm(c);
    return c.redirect(`/scans/${job.id}`, 303);
  });

  app.get('/scans/:id', async (c) => {
    const job = await scans.job(c.req.param('id'));
    if (job === null)
      throw new HttpError(404, 'E_NOT_FOUND', 'No such scan (finished scans are kept for a while only).');
    c.header('Cache-Control', 'no-store');
    if (job.state === 'done' && job.report !== undefined) {
      const { ecosystem, name, version } = job.report.target;
      const view = await site.package(ecosystem, name, version);
      if (view !== null) return c.html(packagePage(view).toString());
    }
    return c.html(scanStatusPage(job, null).toString());
  });

  app.get('/:ecosystem/*', async (c) => {
    const ecosystem = ecosystemOf(c.req.param('ecosystem'));
    const rest = c.req.path.slice(ecosystem.length + 2);
    const route = parsePackageRoute(ecosystem, rest);
    if (route === null) throw new HttpError(404, 'E_NOT_FOUND', 'No such page.');
    if (route.evidence && route.version !== undefined) {
      const { kind, id, n } = evidenceIndex(c);
      const found = await site.evidence(ecosystem, route.name, route.version, kind, id, n);
      if (found === null) throw new HttpError(404, 'E_NOT_FOUND', 'No such evidence in a stored report.');
      return send(
        c,
        evidencePage({
          ecosystem,
          name: found.view.name,
          version: found.view.version,
          kind,
          id,
          title: found.title,
          item: found.item,
          excerpt: found.excerpt,
        }),
      );
    }
    const view = await site.package(ecosystem, route.name, route.version);
    if (view === null) {
      throw new HttpError(
        404,
        'E_NOT_FOUND',
        'This package (or version) is not in the index. Scan it from the Scan page.',
      );
    }
    return send(c, packagePage(view));
  });
}
