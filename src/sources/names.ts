import { AssayError } from '../core/errors.ts';

/** PEP 503 normalization: runs of '-', '_' and '.' become one '-', and the name is lowercased. */
export function normalizePypiName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

// PEP 508 names: ASCII letters and digits, with '.', '_' and '-' inside.
const PYPI_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
// npm names: an optional @scope/, then URL-safe characters. Upper case is allowed because old packages have it.
const NPM_NAME = /^(?:@[A-Za-z0-9~-][A-Za-z0-9._~-]*\/)?[A-Za-z0-9~-][A-Za-z0-9._~-]*$/;

export function assertPypiName(name: string): void {
  if (name.length > 200 || !PYPI_NAME.test(name)) {
    throw new AssayError('E_USAGE', `"${name}" is not a valid PyPI project name.`);
  }
}

export function assertNpmName(name: string): void {
  if (name.length > 214 || !NPM_NAME.test(name)) {
    throw new AssayError('E_USAGE', `"${name}" is not a valid npm package name.`);
  }
}

/** The path segment of a packument URL: npm escapes the scope's slash as %2f and keeps the '@'. */
export function npmPackumentPath(name: string): string {
  if (name.startsWith('@')) {
    const slash = name.indexOf('/');
    return `@${encodeURIComponent(name.slice(1, slash))}%2f${encodeURIComponent(name.slice(slash + 1))}`;
  }
  return encodeURIComponent(name);
}
