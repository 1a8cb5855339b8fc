/**
 * The API's OpenAPI 3.1 document. Its schemas are checked against real responses by the server tests
 * (ajv, JSON Schema 2020-12), so a response that drifts from this document fails a test.
 */
import { ASSAY_VERSION } from '../../core/version.ts';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str: Schema = { type: 'string' };
const int: Schema = { type: 'integer', minimum: 0 };
const nullable = (schema: Schema): Schema => ({ anyOf: [schema, { type: 'null' }] });
const array = (items: Schema): Schema => ({ type: 'array', items });
const object = (
  properties: Record<string, Schema>,
  required: readonly string[] = Object.keys(properties),
): Schema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});
const ecosystem: Schema = { type: 'string', enum: ['npm', 'pypi'] };
const verdictLevel: Schema = { type: 'string', enum: ['pass', 'warning', 'fail'] };
const kind: Schema = { type: 'string', enum: ['behavior', 'issue'] };

const tierCounts = object({ top100: int, top1k: int, top10k: int, community: int });
const prevalence = nullable(
  object({
    top100: int,
    top1k: int,
    top10k: int,
    community: int,
    packages: tierCounts,
    covered: object({
      top100: { type: 'boolean' },
      top1k: { type: 'boolean' },
      top10k: { type: 'boolean' },
      community: { type: 'boolean' },
    }),
    band: { enum: ['common', 'uncommon', 'rare', 'unrated'] },
  }),
);
/** Evidence and occurrences: open objects (file, line, column, field, snippet, detail, behavior, component). */
const evidenceItem: Schema = {
  type: 'object',
  properties: {
    file: str,
    line: int,
    column: int,
    field: str,
    snippet: str,
    detail: str,
    behavior: str,
    component: str,
  },
  additionalProperties: false,
};
const references: Schema = { type: 'object', additionalProperties: array(str) };

const schemas: Record<string, Schema> = {
  Error: object({ error: object({ code: str, message: str }) }),
  TierCounts: tierCounts,
  Prevalence: prevalence,
  PackageRef: object({ ecosystem, name: str, version: str, indexedAt: str }),
  RankedPackageRef: object({ ecosystem, name: str, version: str, indexedAt: str, rank: nullable(int) }),
  PrevalenceSource: object({
    ecosystem,
    kind: { enum: ['local index', 'shipped snapshot'] },
    name: str,
    packages: ref('TierCounts'),
    built: str,
    analyzerVersion: str,
  }),
  IdPrevalence: nullable(object({ source: ref('PrevalenceSource'), counts: nullable(ref('TierCounts')) })),
  Index: object({
    sources: array(ref('PrevalenceSource')),
    indexed: object({ npm: int, pypi: int }),
    recent: array(ref('PackageRef')),
  }),
  SearchResults: object({ query: str, results: array(ref('PackageRef')) }),
  Issue: object(
    {
      id: str,
      title: str,
      category: str,
      severity: str,
      riskLabel: str,
      problem: str,
      nextSteps: array(str),
      detail: str,
      references,
      evidence: nullable(array(evidenceItem)),
      prevalence: ref('Prevalence'),
    },
    [
      'id',
      'title',
      'category',
      'severity',
      'riskLabel',
      'problem',
      'nextSteps',
      'references',
      'evidence',
      'prevalence',
    ],
  ),
  Behavior: object({
    id: str,
    title: str,
    category: str,
    severity: str,
    count: int,
    occurrences: nullable(array(evidenceItem)),
    prevalence: ref('Prevalence'),
  }),
  PackageView: object({
    ecosystem,
    name: str,
    version: str,
    fromIndex: { type: 'boolean' },
    verdict: object({
      level: verdictLevel,
      reasons: array(object({ issue: str, severity: str, title: str })),
    }),
    complete: { type: 'boolean' },
    artifact: nullable({
      type: 'object',
      properties: { file: str, sha256: str, size: int, format: str },
      required: ['file', 'sha256', 'size'],
      additionalProperties: false,
    }),
    analyzerVersion: nullable(str),
    scannedAt: nullable(str),
    issues: array(ref('Issue')),
    behaviors: array(ref('Behavior')),
    vulnerabilities: nullable(array({ type: 'object', required: ['id', 'summary', 'component'] })),
    components: nullable(array({ type: 'object', required: ['purl', 'ecosystem', 'name', 'role'] })),
    dependents: nullable(int),
    prevalenceIndex: nullable(object({ name: str, packages: ref('TierCounts'), built: str })),
    versions: array(
      object({
        version: str,
        indexedAt: nullable(str),
        verdict: nullable(verdictLevel),
        report: { type: 'boolean' },
      }),
    ),
  }),
  /** The report model (src/report/model.ts), versioned by its own schemaVersion; only its frame is fixed here. */
  Report: {
    type: 'object',
    required: [
      'schemaVersion',
      'tool',
      'target',
      'verdict',
      'issues',
      'behaviors',
      'vulnerabilities',
      'data',
    ],
    properties: {
      schemaVersion: str,
      target: {
        type: 'object',
        required: ['ecosystem', 'name', 'version', 'artifact'],
        properties: { ecosystem, name: str, version: str },
      },
      verdict: { type: 'object', required: ['level', 'reasons'], properties: { level: verdictLevel } },
      issues: array({ type: 'object', required: ['id', 'severity', 'evidence'] }),
      behaviors: array({ type: 'object', required: ['id', 'count', 'occurrences'] }),
    },
  },
  CatalogEntry: object(
    {
      kind,
      id: str,
      title: str,
      category: str,
      severity: str,
      description: str,
      problem: str,
      nextSteps: array(str),
      riskLabel: str,
      references,
      uses: array(str),
    },
    ['kind', 'id', 'title', 'category', 'severity', 'description', 'problem', 'nextSteps', 'references'],
  ),
  Catalog: object({ entries: array(ref('CatalogEntry')) }),
  CatalogItem: object({
    entry: ref('CatalogEntry'),
    ecosystems: array(
      object({ ecosystem, prevalence: ref('IdPrevalence'), packages: array(ref('RankedPackageRef')) }),
    ),
  }),
  IdPrevalenceAll: object({
    kind,
    id: str,
    ecosystems: array(object({ ecosystem, prevalence: ref('IdPrevalence') })),
  }),
  Evidence: object({
    kind,
    id: str,
    title: str,
    item: evidenceItem,
    excerpt: nullable(object({ first: int, lines: array(str) })),
  }),
  ScanRequest: object({ target: str }),
  ScanJob: object(
    {
      id: str,
      label: str,
      state: { enum: ['queued', 'running', 'done', 'failed'] },
      position: int,
      submittedAt: str,
      startedAt: str,
      finishedAt: str,
      error: object({ code: str, message: str }),
      result: object({ ecosystem, name: str, version: str, verdict: verdictLevel, page: str, api: str }),
    },
    ['id', 'label', 'state', 'position', 'submittedAt'],
  ),
};

const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [
      String(code),
      { description: 'error', content: { 'application/json': { schema: ref('Error') } } },
    ]),
  );

const ok = (schema: string, status = '200') => ({
  [status]: { description: 'success', content: { 'application/json': { schema: ref(schema) } } },
});

const pathParam = (name: string, description: string) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema: str,
});
const queryParam = (name: string, required: boolean, description: string) => ({
  name,
  in: 'query',
  required,
  description,
  schema: str,
});

export function openApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'assay community API',
      version: ASSAY_VERSION,
      description:
        'Reports, prevalence and catalog of the assay community index. Every page of the site has its JSON here.',
    },
    servers: [{ url: '/' }],
    paths: {
      '/api/v1/index': {
        get: { summary: 'Index size per ecosystem and recent packages', responses: ok('Index') },
      },
      '/api/v1/search': {
        get: {
          summary: 'Search packages by name or purl',
          parameters: [
            queryParam('q', true, 'name, npm:/pypi: form or purl'),
            queryParam('ecosystem', false, 'npm or pypi'),
          ],
          responses: { ...ok('SearchResults'), ...errors(400, 404) },
        },
      },
      '/api/v1/packages/{ecosystem}/{name}': {
        get: {
          summary: 'A package at its latest indexed version (npm scopes percent-encoded: %40scope%2Fname)',
          parameters: [pathParam('ecosystem', 'npm or pypi'), pathParam('name', 'package name')],
          responses: { ...ok('PackageView'), ...errors(404) },
        },
      },
      '/api/v1/packages/{ecosystem}/{name}/{version}': {
        get: {
          summary: 'A package version',
          parameters: [
            pathParam('ecosystem', 'npm or pypi'),
            pathParam('name', 'package name'),
            pathParam('version', 'version'),
          ],
          responses: { ...ok('PackageView'), ...errors(404) },
        },
      },
      '/api/v1/packages/{ecosystem}/{name}/{version}/evidence': {
        get: {
          summary:
            'One evidence item of a behavior or issue, with the lines around it when the artifact is at hand',
          parameters: [
            pathParam('ecosystem', 'npm or pypi'),
            pathParam('name', 'package name'),
            pathParam('version', 'version'),
            queryParam('kind', true, 'behavior or issue'),
            queryParam('id', true, 'behavior or issue id'),
            queryParam('n', false, 'index of the evidence item (0 first)'),
          ],
          responses: { ...ok('Evidence'), ...errors(400, 404) },
        },
      },
      '/api/v1/reports': {
        get: {
          summary: 'The full report of a package version, by purl',
          parameters: [queryParam('purl', true, 'pkg:npm/NAME@VERSION or pkg:pypi/NAME@VERSION')],
          responses: { ...ok('Report'), ...errors(400, 404) },
        },
      },
      '/api/v1/catalog': { get: { summary: 'Every behavior and issue', responses: ok('Catalog') } },
      '/api/v1/catalog/behaviors/{id}': {
        get: {
          summary: 'A behavior with its prevalence and the most popular packages showing it',
          parameters: [pathParam('id', 'behavior id')],
          responses: { ...ok('CatalogItem'), ...errors(404) },
        },
      },
      '/api/v1/catalog/issues/{id}': {
        get: {
          summary: 'An issue with its prevalence and the most popular packages showing it',
          parameters: [pathParam('id', 'issue id')],
          responses: { ...ok('CatalogItem'), ...errors(404) },
        },
      },
      '/api/v1/prevalence/behaviors/{id}': {
        get: {
          summary: 'Prevalence of a behavior per ecosystem',
          parameters: [pathParam('id', 'behavior id')],
          responses: { ...ok('IdPrevalenceAll'), ...errors(404) },
        },
      },
      '/api/v1/prevalence/issues/{id}': {
        get: {
          summary: 'Prevalence of an issue per ecosystem',
          parameters: [pathParam('id', 'issue id')],
          responses: { ...ok('IdPrevalenceAll'), ...errors(404) },
        },
      },
      '/api/v1/scans': {
        post: {
          summary: 'Submit a scan of a registry package; poll the Location it returns',
          requestBody: { required: true, content: { 'application/json': { schema: ref('ScanRequest') } } },
          responses: { ...ok('ScanJob', '202'), ...errors(400, 403, 503) },
        },
      },
      '/api/v1/scans/{id}': {
        get: {
          summary: 'A submitted scan: queued, running, done (with where its report is) or failed',
          parameters: [pathParam('id', 'scan id')],
          responses: { ...ok('ScanJob'), ...errors(404) },
        },
      },
    },
    components: { schemas },
  };
}
