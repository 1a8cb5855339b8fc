import { satisfies as pep440Satisfies } from '@renovatebot/pep440';
import semver from 'semver';

interface ParsedPurl {
  readonly ecosystem: string;
  readonly name: string;
  readonly version?: string;
}

function normalizeName(ecosystem: string, name: string): string {
  // PEP 503: PyPI names compare case-insensitively with runs of '-', '_' and '.' as one '-'.
  return ecosystem === 'pypi' ? name.toLowerCase().replace(/[-_.]+/g, '-') : name;
}

/** `pkg:npm/%40scope/name@1.2.3` or `pkg:npm/@scope/name@^1` → parts; the '@' of a scope is not a version mark. */
export function parsePurlLike(text: string): ParsedPurl | undefined {
  const match = /^pkg:([a-z]+)\/(.+)$/.exec(text.trim());
  if (!match) return undefined;
  const ecosystem = match[1] ?? '';
  const rest = (match[2] ?? '').replace(/[?#].*$/, '');
  const decoded = safeDecode(rest);
  const at = decoded.indexOf('@', decoded.startsWith('@') ? 1 : 0);
  const name = at < 0 ? decoded : decoded.slice(0, at);
  const version = at < 0 ? undefined : decoded.slice(at + 1);
  return { ecosystem, name: normalizeName(ecosystem, name), ...(version ? { version } : {}) };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function globToRegExp(glob: string): RegExp {
  return new RegExp(
    `^${glob
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

function versionMatches(ecosystem: string, range: string | undefined, version: string | undefined): boolean {
  if (range === undefined || range === '*') return true;
  if (version === undefined) return false;
  if (ecosystem === 'pypi') {
    return /^[<>=!~]/.test(range) ? pep440Satisfies(version, range) : pep440Satisfies(version, `==${range}`);
  }
  return semver.valid(range) !== null
    ? semver.eq(version, range)
    : semver.satisfies(version, range, { includePrerelease: true });
}

/**
 * Whether a purl matches a pattern: same ecosystem, the name (with '*' as a wildcard), and the version within the
 * pattern's range (npm: a semver range; PyPI: PEP 440 specifiers; a bare version means exactly that version; no
 * version or '*' means every version).
 */
export function purlMatches(pattern: string, purl: string): boolean {
  const want = parsePurlLike(pattern);
  const have = parsePurlLike(purl);
  if (!want || !have || want.ecosystem !== have.ecosystem) return false;
  if (!globToRegExp(want.name).test(have.name)) return false;
  try {
    return versionMatches(want.ecosystem, want.version, have.version);
  } catch {
    return false;
  }
}
