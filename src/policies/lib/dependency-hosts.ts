/** Hosts of dependencies installed from a URL or a VCS reference, and what their addresses point at. */
import type { HuntedComponent } from '../../enrich/types.ts';

/**
 * Hosts that serve most URL and VCS dependencies in the open: code forges, the registries' own file hosts and
 * GitHub's download hosts. Anything else is a server someone set up for this dependency.
 */
const COMMON_HOSTS = [
  'github.com',
  'codeload.github.com',
  'objects.githubusercontent.com',
  'gist.github.com',
  'gitlab.com',
  'bitbucket.org',
  'codeberg.org',
  'dev.azure.com',
  'files.pythonhosted.org',
  'pypi.org',
  'registry.npmjs.org',
  'registry.yarnpkg.com',
  'download.pytorch.org',
];

/** The address a URL or VCS component is fetched from, with npm's `github:` style shorthands expanded. */
export function dependencyAddress(component: HuntedComponent): string {
  return component.url ?? component.specifier ?? '';
}

/** The host of a dependency address: `git+https://h/…`, `git@h:org/x`, `github:org/x`, `https://h/…`. */
export function dependencyHost(address: string): string | null {
  const shorthand = /^(github|gitlab|bitbucket):/i.exec(address);
  if (shorthand)
    return `${shorthand[1]!.toLowerCase()}.${shorthand[1]!.toLowerCase() === 'bitbucket' ? 'org' : 'com'}`;
  const scp = /^[\w.-]+@([\w.-]+):/.exec(address);
  if (scp) return scp[1]!.toLowerCase();
  const url = /^(?:[a-z]+\+)?[a-z]+:\/\/(?:[^@/]*@)?([^/:?#]+)/i.exec(address);
  if (url) return url[1]!.toLowerCase();
  // `org/repo` is npm's GitHub shorthand.
  return /^[\w.-]+\/[\w.-]+(?:#.*)?$/.test(address) ? 'github.com' : null;
}

export function isCommonDependencyHost(host: string): boolean {
  return COMMON_HOSTS.some((common) => host === common || host.endsWith(`.${common}`));
}

/** Built artifacts that carry compiled code: wheels, eggs, programs, shared libraries, Java archives, Node addons. */
const BINARY_ARTIFACT = /\.(?:whl|egg|exe|dll|so|dylib|bin|jar|node|msi)(?:[?#].*)?$/i;

export function binaryArtifactOf(address: string): string | null {
  const match = BINARY_ARTIFACT.exec(address);
  return match
    ? match[0]
        .replace(/[?#].*$/, '')
        .slice(1)
        .toLowerCase()
    : null;
}
