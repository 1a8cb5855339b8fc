/** Reading and writing the crosswalk files of data/crosswalk/ (for `npm run docs`, its formatter and tests). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AssayError } from '../core/errors.ts';
import {
  type Crosswalk,
  crosswalkShapeProblems,
  type ExternalCatalog,
  type ExternalPolicy,
} from './crosswalk.ts';

export const CROSSWALK_DIR = fileURLToPath(new URL('../../data/crosswalk/', import.meta.url));
export const CROSSWALK_FILE = 'reversinglabs.json';
export const CATALOG_FILE = 'reversinglabs-catalog.json';

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new AssayError('E_IO', `cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
}

export function readCrosswalk(dir = CROSSWALK_DIR): Crosswalk {
  const path = join(dir, CROSSWALK_FILE);
  const value = readJson(path);
  const problems = crosswalkShapeProblems(value);
  if (problems.length > 0) throw new AssayError('E_IO', `${path} is malformed:\n${problems.join('\n')}`);
  return value as Crosswalk;
}

export function readExternalCatalog(dir = CROSSWALK_DIR): ExternalCatalog {
  const path = join(dir, CATALOG_FILE);
  const value = readJson(path) as Partial<ExternalCatalog>;
  const text = (key: 'source' | 'revision' | 'date' | 'licence') => {
    const field = value[key];
    if (typeof field !== 'string') throw new AssayError('E_IO', `${path}: '${key}' is missing`);
    return field;
  };
  if (typeof value.policies !== 'object' || value.policies === null)
    throw new AssayError('E_IO', `${path}: 'policies' is missing`);
  return {
    source: text('source'),
    revision: text('revision'),
    date: text('date'),
    licence: text('licence'),
    policies: value.policies as Record<string, ExternalPolicy>,
  };
}

/** The catalog file's text: its header fields, then one policy per line. */
export function formatExternalCatalog(catalog: ExternalCatalog): string {
  const ids = Object.keys(catalog.policies).sort();
  const header = (['source', 'revision', 'date', 'licence'] as const).map(
    (key) => `  ${JSON.stringify(key)}: ${JSON.stringify(catalog[key])},`,
  );
  const lines = ids.map(
    (id, index) =>
      `    ${JSON.stringify(id)}: ${JSON.stringify(catalog.policies[id])}${index < ids.length - 1 ? ',' : ''}`,
  );
  return `{\n${header.join('\n')}\n  "policies": {\n${lines.join('\n')}\n  }\n}\n`;
}
