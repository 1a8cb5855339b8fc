import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { createApp } from '../app.ts';
import { BEHAVIOR, fixture, HOSTILE_NAME, ISSUE } from '../testing/fixtures.ts';
import { openApiDocument } from './openapi.ts';

type Operation = {
  responses: Record<string, { content?: { 'application/json': { schema: { $ref: string } } } }>;
};
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: object } };

const document = openApiDocument() as unknown as Document;
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ $id: 'openapi', components: document.components }, 'openapi');

/** The documented path template a concrete path belongs to (a name may hold an encoded slash). */
function templateOf(path: string): string {
  const pathname = path.split('?')[0] ?? path;
  const matches = Object.keys(document.paths).filter((template) => {
    const pattern = template.replace(/\{[^}]+\}/g, '[^/]+');
    return new RegExp(`^${pattern}$`).test(pathname);
  });
  assert.equal(matches.length, 1, `one documented path for ${pathname}: ${matches.join(', ')}`);
  return matches[0] ?? '';
}

const exercised = new Set<string>();

async function call(
  app: ReturnType<typeof createApp>,
  method: 'get' | 'post',
  path: string,
  expectedStatus: number,
  body?: unknown,
): Promise<unknown> {
  const response = await app.request(path, {
    method: method.toUpperCase(),
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  assert.equal(response.status, expectedStatus, `${method} ${path}`);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  const json: unknown = await response.json();
  const template = templateOf(path);
  const operation = document.paths[template]?.[method];
  assert.ok(operation, `${method} ${template} is documented`);
  const documented = operation.responses[String(expectedStatus)];
  assert.ok(documented, `${method} ${template} documents status ${expectedStatus}`);
  const ref = documented.content?.['application/json'].schema.$ref ?? '';
  const validate = ajv.getSchema(`openapi${ref}`);
  assert.ok(validate, `schema ${ref}`);
  assert.ok(validate(json), `${method} ${path}: ${ajv.errorsText(validate.errors)}`);
  exercised.add(`${method} ${template}`);
  return json;
}

describe('the JSON API matches its OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 frame whose schemas compile', () => {
    assert.equal((openApiDocument() as { openapi: string }).openapi, '3.1.0');
    for (const name of Object.keys(document.components.schemas)) {
      assert.ok(ajv.getSchema(`openapi#/components/schemas/${name}`), name);
    }
  });

  it('every route answers as documented, for success and for errors', async () => {
    const { deps } = fixture();
    const server = createApp(deps);
    const index = (await call(server, 'get', '/api/v1/index', 200)) as { recent: unknown[] };
    assert.equal(index.recent.length, 4);
    const search = (await call(server, 'get', '/api/v1/search?q=express', 200)) as {
      results: { name: string }[];
    };
    assert.equal(search.results[0]?.name, 'express');
    await call(server, 'get', '/api/v1/search?q=left&ecosystem=npm', 200);
    await call(server, 'get', '/api/v1/search', 400);
    await call(server, 'get', '/api/v1/search?q=x&ecosystem=cargo', 404);
    const view = (await call(server, 'get', '/api/v1/packages/npm/express', 200)) as {
      version: string;
      fromIndex: boolean;
    };
    assert.deepEqual([view.version, view.fromIndex], ['5.0.0', false]);
    await call(server, 'get', '/api/v1/packages/npm/express/4.21.0', 200);
    await call(server, 'get', `/api/v1/packages/npm/${encodeURIComponent(HOSTILE_NAME)}/1.0.0`, 200);
    await call(server, 'get', '/api/v1/packages/pypi/requests', 200);
    await call(server, 'get', '/api/v1/packages/npm/nothing', 404);
    await call(
      server,
      'get',
      `/api/v1/packages/npm/express/5.0.0/evidence?kind=behavior&id=${BEHAVIOR}&n=0`,
      200,
    );
    await call(server, 'get', '/api/v1/packages/npm/express/5.0.0/evidence?kind=x', 400);
    await call(server, 'get', `/api/v1/packages/npm/express/4.21.0/evidence?kind=issue&id=${ISSUE}`, 404);
    const report = (await call(server, 'get', '/api/v1/reports?purl=pkg:npm/express@5.0.0', 200)) as {
      target: { name: string };
    };
    assert.equal(report.target.name, 'express');
    await call(server, 'get', '/api/v1/reports?purl=pkg:npm/express@4.21.0', 404);
    await call(server, 'get', '/api/v1/reports?purl=express', 400);
    const catalog = (await call(server, 'get', '/api/v1/catalog', 200)) as { entries: unknown[] };
    assert.ok(catalog.entries.length > 100);
    await call(server, 'get', `/api/v1/catalog/behaviors/${BEHAVIOR}`, 200);
    await call(server, 'get', `/api/v1/catalog/issues/${ISSUE}`, 200);
    await call(server, 'get', '/api/v1/catalog/issues/nope', 404);
    await call(server, 'get', '/api/v1/catalog/behaviors/nope', 404);
    const prevalence = (await call(server, 'get', `/api/v1/prevalence/behaviors/${BEHAVIOR}`, 200)) as {
      ecosystems: { ecosystem: string; prevalence: { counts: { community: number } } }[];
    };
    assert.equal(prevalence.ecosystems.find((e) => e.ecosystem === 'npm')?.prevalence.counts.community, 2);
    await call(server, 'get', `/api/v1/prevalence/issues/${ISSUE}`, 200);
    await call(server, 'get', '/api/v1/prevalence/issues/nope', 404);
    await call(server, 'get', '/api/v1/prevalence/behaviors/nope', 404);
    const job = (await call(server, 'post', '/api/v1/scans', 202, { target: 'npm:left-pad@1.3.0' })) as {
      id: string;
      state: string;
    };
    await call(server, 'post', '/api/v1/scans', 400, { target: '/etc/passwd' });
    await call(server, 'post', '/api/v1/scans', 400, { nothing: true });
    await deps.runner?.idle();
    const done = (await call(server, 'get', `/api/v1/scans/${job.id}`, 200)) as {
      state: string;
      result: { api: string; page: string };
    };
    assert.equal(done.state, 'done');
    assert.equal(done.result.page, '/npm/scanned-pkg/1');
    await call(server, 'get', done.result.api, 200);
    await call(server, 'get', '/api/v1/scans/unknown', 404);
    const disabled = createApp({ ...deps, runner: null });
    await call(disabled, 'post', '/api/v1/scans', 403, { target: 'npm:left-pad' });
  });

  it('the test above exercised every documented operation', () => {
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method} ${path}`),
    );
    const missed = documented.filter((operation) => !exercised.has(operation));
    assert.deepEqual(missed, []);
  });

  it('a full queue is a 503 with a JSON error', async () => {
    const never = new Promise<never>(() => {});
    const { deps } = fixture({ scanner: () => never });
    const app = createApp(deps);
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++) {
      const response = await app.request('/api/v1/scans', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ target: `npm:p${i}` }),
      });
      statuses.push(response.status);
    }
    // One runs, ten wait, the rest are refused.
    assert.deepEqual(statuses.slice(0, 11), Array(11).fill(202));
    assert.deepEqual(statuses.slice(11), [503, 503]);
  });
});
