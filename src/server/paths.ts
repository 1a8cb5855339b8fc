/** Our own URLs, built from untrusted names: every part is percent-encoded, so a name cannot add a path. */
import type { Ecosystem } from '../metadata/types.ts';

export function packagePath(ecosystem: Ecosystem, name: string, version?: string): string {
  const base = `/${ecosystem}/${encodeURIComponent(name)}`;
  return version === undefined ? base : `${base}/${encodeURIComponent(version)}`;
}

export function evidencePath(
  ecosystem: Ecosystem,
  name: string,
  version: string,
  kind: 'behavior' | 'issue',
  id: string,
  n: number,
): string {
  const query = new URLSearchParams({ kind, id, n: String(n) });
  return `${packagePath(ecosystem, name, version)}/evidence?${query.toString()}`;
}

export function catalogPath(kind: 'behavior' | 'issue', id: string): string {
  return `/${kind === 'behavior' ? 'behaviors' : 'issues'}/${encodeURIComponent(id)}`;
}

export interface PackageRoute {
  readonly name: string;
  readonly version?: string;
  readonly evidence: boolean;
}

/**
 * The rest of a package URL after `/{ecosystem}/`, as raw (still encoded) segments. An npm scope may be
 * written plainly (`/npm/@types/node`) or encoded (`/npm/%40types%2Fnode`). Null for any other shape.
 */
export function parsePackageRoute(ecosystem: Ecosystem, rest: string): PackageRoute | null {
  let parts: string[];
  try {
    parts = rest.split('/').map((part) => decodeURIComponent(part));
  } catch {
    return null;
  }
  if (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  let name = parts.shift();
  if (name === undefined || name === '') return null;
  if (ecosystem === 'npm' && name.startsWith('@') && !name.includes('/')) {
    const second = parts.shift();
    if (second === undefined || second === '') return null;
    name = `${name}/${second}`;
  }
  if (parts.length === 0) return { name, evidence: false };
  const version = parts[0];
  if (version === undefined || version === '') return null;
  if (parts.length === 1) return { name, version, evidence: false };
  if (parts.length === 2 && parts[1] === 'evidence') return { name, version, evidence: true };
  return null;
}
