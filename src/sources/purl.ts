import { AssayError } from '../core/errors.ts';

/** A package URL split into its parts, every part percent-decoded. */
export interface PackageUrl {
  readonly type: string;
  readonly namespace?: string;
  readonly name: string;
  readonly version?: string;
  readonly qualifiers: Readonly<Record<string, string>>;
  readonly subpath?: string;
}

function decode(part: string, what: string, input: string): string {
  try {
    return decodeURIComponent(part);
  } catch (cause) {
    throw new AssayError('E_USAGE', `Invalid percent-encoding in the ${what} of purl "${input}".`, { cause });
  }
}

/**
 * Parses a purl following the purl specification's parsing order: split off `#subpath` from the right,
 * then `?qualifiers`, then the scheme, the type, `@version` from the right, then name and namespace.
 */
export function parsePurl(input: string): PackageUrl {
  let rest = input.trim();
  let subpath: string | undefined;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    // Spec: '.' and '..' segments are discarded, so a subpath can never climb out of the package.
    const segments = rest
      .slice(hash + 1)
      .split('/')
      .filter((s) => s !== '' && s !== '.' && s !== '..')
      .map((s) => decode(s, 'subpath', input));
    if (segments.length > 0) subpath = segments.join('/');
    rest = rest.slice(0, hash);
  }
  const qualifiers: Record<string, string> = {};
  const question = rest.indexOf('?');
  if (question >= 0) {
    for (const pair of rest.slice(question + 1).split('&')) {
      if (pair === '') continue;
      const eq = pair.indexOf('=');
      if (eq <= 0)
        throw new AssayError('E_USAGE', `Purl qualifier "${pair}" has no key=value form in "${input}".`);
      const key = pair.slice(0, eq).toLowerCase();
      if (!/^[a-z.\-_][a-z0-9.\-_]*$/.test(key)) {
        throw new AssayError('E_USAGE', `Purl qualifier key "${key}" is not valid in "${input}".`);
      }
      const value = decode(pair.slice(eq + 1), 'qualifiers', input);
      if (value !== '') qualifiers[key] = value;
    }
    rest = rest.slice(0, question);
  }
  const colon = rest.indexOf(':');
  if (colon < 0 || rest.slice(0, colon).toLowerCase() !== 'pkg') {
    throw new AssayError('E_USAGE', `"${input}" is not a purl: it must start with "pkg:".`);
  }
  // Spec: the scheme may be followed by slashes (pkg://npm/x), which are ignored.
  rest = rest.slice(colon + 1).replace(/^\/+/, '');
  const slash = rest.indexOf('/');
  if (slash <= 0) throw new AssayError('E_USAGE', `Purl "${input}" has no type/name.`);
  const type = rest.slice(0, slash).toLowerCase();
  if (!/^[a-z.+-][a-z0-9.+-]*$/.test(type))
    throw new AssayError('E_USAGE', `Purl type "${type}" is not valid.`);
  rest = rest.slice(slash + 1).replace(/\/+$/, '');
  let version: string | undefined;
  // The version is split at the last '@' after the last '/', so that an unencoded npm scope ('@scope/x') survives.
  const at = rest.lastIndexOf('@');
  if (at > rest.lastIndexOf('/') && at > 0) {
    version = decode(rest.slice(at + 1), 'version', input);
    if (version === '') version = undefined;
    rest = rest.slice(0, at);
  }
  const segments = rest.split('/').filter((s) => s !== '');
  const rawName = segments.pop();
  if (rawName === undefined) throw new AssayError('E_USAGE', `Purl "${input}" has no name.`);
  const name = decode(rawName, 'name', input);
  const namespaceParts = segments.map((s) => decode(s, 'namespace', input));
  if (name === '') throw new AssayError('E_USAGE', `Purl "${input}" has an empty name.`);
  const purl: PackageUrl = {
    type,
    name,
    qualifiers,
    ...(namespaceParts.length > 0 ? { namespace: namespaceParts.join('/') } : {}),
    ...(version !== undefined ? { version } : {}),
    ...(subpath !== undefined ? { subpath } : {}),
  };
  return purl;
}
