/**
 * Seeds for a PyPI-format registry that is reachable: the Simple API's project list (PEP 691 JSON, `GET
 * <index>/` with the v1 JSON media type), ranked by the PyPI download ranking where it knows a project and
 * after it in name order otherwise. Each name becomes a job for its latest version; the worker then reads the
 * project through the same index (`--index-url`) and its JSON API, as `assay scan pypi:NAME` does.
 */
import { z } from 'zod';
import { AssayError } from '../../core/errors.ts';
import { normalizePackageName } from '../../store/names.ts';
import type { IndexJob } from './types.ts';

const ProjectList = z.looseObject({
  meta: z.looseObject({ 'api-version': z.string() }),
  projects: z.array(z.looseObject({ name: z.string().min(1).max(300) })).max(2_000_000),
});

const ACCEPT = 'application/vnd.pypi.simple.v1+json';

/** The normalized project names an index lists. */
export async function listSimpleProjects(
  indexUrl: string,
  fetchImpl: typeof fetch = fetch,
): Promise<string[]> {
  const url = `${indexUrl.replace(/\/+$/, '')}/`;
  let body: unknown;
  try {
    const response = await fetchImpl(url, { headers: { accept: ACCEPT } });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const type = response.headers.get('content-type') ?? '';
    if (!type.includes('application/vnd.pypi.simple.v1+json')) {
      throw new Error(`answered ${type || 'no content type'}, not the PEP 691 JSON project list`);
    }
    body = await response.json();
  } catch (cause) {
    throw new AssayError('E_NETWORK', `cannot read the project list of ${url}: ${(cause as Error).message}`, {
      cause,
    });
  }
  const parsed = ProjectList.safeParse(body);
  if (!parsed.success) throw new AssayError('E_METADATA', `the project list of ${url} is not PEP 691 JSON`);
  if (parsed.data.meta['api-version'].split('.')[0] !== '1') {
    throw new AssayError(
      'E_METADATA',
      `the index speaks Simple API ${parsed.data.meta['api-version']}; assay knows 1.x`,
    );
  }
  return [...new Set(parsed.data.projects.map((p) => normalizePackageName('pypi', p.name)))];
}

/** Jobs for the listed projects: ranked ones first, in rank order, then the rest by name. */
export function simpleIndexJobs(
  names: readonly string[],
  rankOf: (name: string) => number | undefined,
  analyzer: string,
): IndexJob[] {
  const ranked = names.map((name) => ({ name, rank: rankOf(name) ?? Number.POSITIVE_INFINITY }));
  ranked.sort((a, b) => a.rank - b.rank || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return ranked.map(({ name }) => ({
    ecosystem: 'pypi',
    name,
    version: null,
    analyzer,
    origin: 'simple-index',
  }));
}
