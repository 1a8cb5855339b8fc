import { AssayError } from '../core/errors.ts';
import { assertNpmName, assertPypiName, normalizePypiName } from './names.ts';
import { parsePurl } from './purl.ts';
import type { ScanTarget } from './types.ts';

const NO_QUALIFIERS: Readonly<Record<string, string>> = Object.freeze({});

function checkVersion(version: string, input: string): string {
  const v = version.trim();
  if (v === '' || v.length > 256 || /[\u0000-\u001f\u007f]/.test(v)) {
    throw new AssayError('E_USAGE', `The version in "${input}" is empty or not valid.`);
  }
  return v;
}

function parsePypiShorthand(input: string, body: string): ScanTarget {
  // `pypi:NAME==1.0` pins one version; other PEP 440 operators (>=, ~=, !=, <, >, ===) give a specifier.
  const m = /^([A-Za-z0-9._-]+)\s*(.*)$/s.exec(body.trim());
  if (!m) throw new AssayError('E_USAGE', `Expected pypi:NAME or pypi:NAME==VERSION, got "${input}".`);
  const name = m[1] ?? '';
  const spec = (m[2] ?? '').trim();
  assertPypiName(name);
  if (spec === '') return { kind: 'registry', ecosystem: 'pypi', name, qualifiers: NO_QUALIFIERS, input };
  let version: string;
  if (spec.startsWith('===')) version = spec;
  else if (spec.startsWith('==') && !/[,*]/.test(spec)) version = spec.slice(2).trim();
  else if (/^(~=|!=|<=|>=|<|>|==)/.test(spec)) version = spec;
  else
    throw new AssayError(
      'E_USAGE',
      `Expected pypi:NAME==VERSION, got "${input}" (use == before the version).`,
    );
  return {
    kind: 'registry',
    ecosystem: 'pypi',
    name,
    version: checkVersion(version, input),
    qualifiers: NO_QUALIFIERS,
    input,
  };
}

function parseNpmShorthand(input: string, body: string): ScanTarget {
  const text = body.trim();
  // The version follows the last '@' that is not the scope's leading one.
  const at = text.indexOf('@', text.startsWith('@') ? 1 : 0);
  const name = at >= 0 ? text.slice(0, at) : text;
  assertNpmName(name);
  if (at < 0) return { kind: 'registry', ecosystem: 'npm', name, qualifiers: NO_QUALIFIERS, input };
  return {
    kind: 'registry',
    ecosystem: 'npm',
    name,
    version: checkVersion(text.slice(at + 1), input),
    qualifiers: NO_QUALIFIERS,
    input,
  };
}

function parsePurlTarget(input: string): ScanTarget {
  const purl = parsePurl(input);
  const base = {
    kind: 'registry' as const,
    qualifiers: purl.qualifiers,
    input,
    ...(purl.version !== undefined ? { version: checkVersion(purl.version, input) } : {}),
    ...(purl.subpath !== undefined ? { subpath: purl.subpath } : {}),
  };
  if (purl.type === 'pypi') {
    if (purl.namespace !== undefined)
      throw new AssayError('E_USAGE', `A pypi purl has no namespace: "${input}".`);
    assertPypiName(purl.name);
    // purl spec: pypi names are lowercased and '_' becomes '-'; PEP 503 normalization is a superset of that.
    return { ...base, ecosystem: 'pypi', name: normalizePypiName(purl.name) };
  }
  if (purl.type === 'npm') {
    const scope = purl.namespace;
    if (scope !== undefined && (!scope.startsWith('@') || scope.includes('/'))) {
      throw new AssayError('E_USAGE', `An npm purl namespace must be one @scope: "${input}".`);
    }
    const name = scope !== undefined ? `${scope}/${purl.name}` : purl.name;
    assertNpmName(name);
    return { ...base, ecosystem: 'npm', name };
  }
  throw new AssayError(
    'E_USAGE',
    `Purl type "${purl.type}" is not supported: assay scans pypi and npm packages.`,
  );
}

/**
 * Reads what the user asked to scan: `pypi:NAME[==VERSION]`, `npm:NAME[@VERSION]`, a `pkg:pypi/…` or
 * `pkg:npm/…` purl, or else a local path (whose existence the caller checks).
 */
export function parseTarget(input: string): ScanTarget {
  const text = input.trim();
  if (text === '')
    throw new AssayError('E_USAGE', 'Nothing to scan: give a path, pypi:NAME, npm:NAME or a purl.');
  const lower = text.toLowerCase();
  if (lower.startsWith('pypi:')) return parsePypiShorthand(input, text.slice(5));
  if (lower.startsWith('npm:')) return parseNpmShorthand(input, text.slice(4));
  if (lower.startsWith('pkg:')) return parsePurlTarget(text);
  return { kind: 'path', path: text, input };
}
