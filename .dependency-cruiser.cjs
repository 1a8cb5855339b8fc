/**
 * The layers of a scan, enforced by `npm run lint:layers` (part of `npm test`). A scan flows one way:
 *
 *   sources → artifacts → metadata → analysis (facts) → behaviors (judge facts) → enrich → policies → verdict
 *   → report → render, with scan/ composing the stages and cli/ parsing options and printing.
 *
 * An import may point down this flow, never back up it. Tests (`*.test.ts`) and test support (`testing/`
 * folders) may assemble a scenario across layers, so the layer rules skip them; cycles are forbidden everywhere.
 *
 * Staged (see docs/architecture.md, "Layer rules"): the rules marked STAGED list files that still break them.
 * Each entry is a known debt to remove, never a place to add a new exception.
 */
const TESTS = '(\\.test\\.ts$|/testing/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A cycle means two modules cannot be understood, tested or moved apart.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'analysis-collects-facts-only',
      comment: 'Analysis produces facts; judging them belongs to behaviors, policies and the catalog engine.',
      severity: 'error',
      from: { path: '^src/analysis/', pathNot: TESTS },
      to: { path: '^src/(behaviors|policies|catalog|enrich|report|scan|cli)/' },
    },
    {
      name: 'analysis-core-knows-no-language',
      comment:
        'src/analysis/code/ is what the Python and JavaScript analyzers share (scopes, the fact collector, the ' +
        'parse-and-walk driver); the visitors, names and folding of each language stay in its own folder.',
      severity: 'error',
      from: { path: '^src/analysis/code/', pathNot: TESTS },
      to: { path: '^src/analysis/(python|javascript)/' },
    },
    {
      name: 'behaviors-judge-facts-only',
      comment: 'A behavior reads facts; it never reads enrichment, issues, reports or the scan that runs it.',
      severity: 'error',
      from: { path: '^src/behaviors/', pathNot: TESTS },
      to: { path: '^src/(policies|enrich|report|scan|cli)/' },
    },
    {
      name: 'policies-read-findings-not-facts',
      comment:
        'A policy reads behaviors, signals and enrichment, never analysis facts: its context has no facts, and a ' +
        'call pattern it needs is a signal (src/behaviors/signals/) or a behavior.',
      severity: 'error',
      from: { path: '^src/policies/', pathNot: TESTS },
      to: { path: '^src/analysis/' },
    },
    {
      name: 'policies-do-not-rejudge-facts',
      comment:
        'The helpers in src/behaviors/lib/ read facts; a policy reads their results through signals ' +
        '(src/behaviors/signals/), and its own helpers live in src/policies/lib/ or, when behaviors share them, ' +
        'src/catalog/lib/.',
      severity: 'error',
      from: { path: '^src/policies/', pathNot: TESTS },
      to: { path: '^src/behaviors/', pathNot: '^src/behaviors/signals/' },
    },
    {
      name: 'signals-serve-policies-only',
      comment: 'Signals are judged for policies; behaviors never read them (a behavior judges facts itself).',
      severity: 'error',
      from: { path: '^src/behaviors/', pathNot: [TESTS, '^src/behaviors/signals/'] },
      to: { path: '^src/behaviors/signals/' },
    },
    {
      name: 'catalog-helpers-are-neutral',
      comment:
        'src/catalog/lib/ holds what behaviors and policies share (file locations, evidence, licenses, incident ' +
        'data): it reads no facts and knows neither behaviors nor policies.',
      severity: 'error',
      from: { path: '^src/catalog/lib/', pathNot: TESTS },
      to: { path: '^src/(analysis|behaviors|policies|enrich|report|scan|cli)/' },
    },
    {
      name: 'enrich-reads-the-outside-world-only',
      comment:
        'The enrich stage looks components up (registry, data sets, vulnerabilities, prevalence); it never reads ' +
        'code facts or findings, and never knows the policies, the report or the scan that calls it.',
      severity: 'error',
      from: { path: '^src/enrich/', pathNot: TESTS },
      to: { path: '^src/(analysis|behaviors|policies|catalog|report|scan|cli)/' },
    },
    {
      name: 'nothing-below-the-cli-imports-it',
      comment: 'The CLI parses options, calls the scan and renders; nothing it calls may depend on it.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/cli/', TESTS] },
      to: { path: '^src/cli/' },
    },
    {
      name: 'diff-and-proxy-sit-beside-the-cli',
      comment:
        'assay diff and assay proxy drive whole scans (like the CLI and the server); the scan stages never know them.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/(cli|diff|proxy)/', TESTS] },
      to: { path: '^src/(diff|proxy)/' },
    },
    {
      name: 'core-is-the-bottom',
      comment:
        'src/core holds generic helpers (errors, concurrency, memo, version) that every layer may use.',
      severity: 'error',
      from: { path: '^src/core/', pathNot: TESTS },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'metadata-comes-before-analysis',
      comment:
        'Package metadata is read before the code is analyzed. STAGED: the static setup.py reader parses with ' +
        'the tree-sitter runtime, which still lives in src/analysis/tree-sitter/ until the shared analysis core ' +
        'gives parsers a home of their own.',
      severity: 'error',
      from: { path: '^src/metadata/', pathNot: TESTS },
      to: { path: '^src/analysis/', pathNot: '^src/analysis/tree-sitter/runtime\\.ts$' },
    },
    {
      name: 'community-data-is-below-the-scan',
      comment:
        'The scan reads prevalence and community facts, so the community index must not depend on the scan or ' +
        'the report. The indexer is the exception by design: it drives scans (like the CLI) to fill the index.',
      severity: 'error',
      from: { path: '^src/community/', pathNot: [TESTS, '^src/community/index/indexer\\.ts$'] },
      to: { path: '^src/(scan|report|cli)/' },
    },
    {
      name: 'sources-and-artifacts-are-the-first-stages',
      comment: 'Fetching and unpacking know nothing of what later stages make of the bytes.',
      severity: 'error',
      from: { path: '^src/(sources|artifacts)/', pathNot: TESTS },
      to: {
        path: '^src/(analysis|behaviors|policies|catalog|enrich|community|report|scan|cli)/',
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/|/fixtures/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
};
