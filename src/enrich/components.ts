import type { PackageSnapshot } from '../metadata/snapshot.ts';
import type { Dependency } from '../metadata/types.ts';
import type { Component } from '../sources/manifests/types.ts';
import { classifyNpmSpec, pep440Exact, pythonUrlSource } from '../sources/manifests/util.ts';
import type { HuntedComponent } from './types.ts';

/**
 * purl-like id for evidence (purl spec: the npm scope's `@` is percent-encoded, PyPI names are
 * PEP 503 normalized). Without a pinned version the id carries no version: a range is not a version.
 */
export function componentPurl(component: {
  readonly ecosystem: 'pypi' | 'npm';
  readonly name: string;
  readonly version?: string;
  readonly pinned?: boolean;
}): string {
  const name =
    component.ecosystem === 'npm'
      ? component.name
          .split('/')
          .map((part) => encodeURIComponent(part))
          .join('/')
      : component.name
          .toLowerCase()
          .replace(/[-_.]+/g, '-')
          .split('/')
          .map((part) => encodeURIComponent(part))
          .join('/');
  const version =
    component.version !== undefined && component.pinned !== false
      ? `@${encodeURIComponent(component.version)}`
      : '';
  return `pkg:${component.ecosystem}/${name}${version}`;
}

/** How a component reads in evidence and in the report: `name 1.2.3` or `name ^1.2 (specifier)`. */
export function describeVersion(
  component: Pick<HuntedComponent, 'version' | 'specifier' | 'pinned'>,
): string {
  if (component.version !== undefined && component.pinned) return component.version;
  if (component.specifier !== undefined && component.specifier !== '')
    return `${component.specifier} (specifier)`;
  if (component.version !== undefined) return component.version;
  return 'any version';
}

function integrityOf(component: Component): string[] {
  return [...(component.integrity === undefined ? [] : [component.integrity]), ...(component.hashes ?? [])];
}

/** A project component (manifests/lockfiles) as the hunting checks see it. */
export function fromProjectComponent(component: Component, locked: boolean): HuntedComponent {
  return {
    locked,
    ecosystem: component.ecosystem,
    name: component.name,
    ...(component.version === undefined ? {} : { version: component.version }),
    ...(component.specifier === undefined ? {} : { specifier: component.specifier }),
    pinned: component.pinned,
    source: component.source,
    ...(component.url === undefined ? {} : { url: component.url }),
    ...(component.license === undefined ? {} : { license: component.license }),
    ...(integrityOf(component).length === 0 ? {} : { integrity: integrityOf(component) }),
    dev: component.dev,
    direct: component.direct,
    declaredIn: component.declaredIn,
    role: 'dependency',
  };
}

function fromDependency(snapshot: PackageSnapshot, dependency: Dependency): HuntedComponent {
  const declaredIn = {
    file: dependency.source.file,
    ...(dependency.source.line === undefined ? {} : { line: dependency.source.line }),
  };
  const common = {
    dev: dependency.kind === 'dev',
    direct: true,
    declaredIn,
    locked: false,
    role: 'dependency' as const,
  };
  if (snapshot.ecosystem === 'npm') {
    const spec = classifyNpmSpec(dependency.url ?? dependency.specifier);
    const name = spec.aliasOf ?? dependency.name;
    return {
      ecosystem: 'npm',
      name,
      ...(spec.exact === undefined ? {} : { version: spec.exact }),
      ...(spec.specifier === '' ? {} : { specifier: spec.specifier }),
      pinned: spec.exact !== undefined,
      source: spec.source,
      ...(spec.url === undefined ? {} : { url: spec.url }),
      ...common,
    };
  }
  const exact = pep440Exact(dependency.specifier);
  return {
    ecosystem: 'pypi',
    name: dependency.name,
    ...(exact === undefined ? {} : { version: exact }),
    ...(dependency.specifier === '' ? {} : { specifier: dependency.specifier }),
    pinned: exact !== undefined,
    source: dependency.url === undefined ? 'registry' : pythonUrlSource(dependency.url),
    ...(dependency.url === undefined ? {} : { url: dependency.url }),
    ...common,
  };
}

/** Bundled dependencies ship inside the package: their code is scanned with it, they are not fetched. */
const NOT_FETCHED = new Set(['bundled']);

/** A package scan's components: the package itself, then each declared dependency once. */
export function packageComponents(snapshot: PackageSnapshot): HuntedComponent[] {
  const out: HuntedComponent[] = [];
  if (snapshot.name !== 'unknown') {
    const known = snapshot.version !== 'unknown';
    const manifest = snapshot.metadata.sources[0]?.file ?? snapshot.artifact.file;
    out.push({
      ecosystem: snapshot.ecosystem,
      name: snapshot.name,
      ...(known ? { version: snapshot.version } : {}),
      pinned: known,
      source: 'registry',
      ...(snapshot.metadata.license ? { license: snapshot.metadata.license } : {}),
      // The scanned file's own digest: the SBOM names exactly what was analyzed.
      integrity: [`sha256:${snapshot.artifact.sha256}`],
      dev: false,
      direct: true,
      declaredIn: { file: manifest },
      locked: false,
      role: 'target',
    });
  }
  const seen = new Set<string>();
  for (const dependency of snapshot.metadata.dependencies) {
    if (NOT_FETCHED.has(dependency.kind)) continue;
    const component = fromDependency(snapshot, dependency);
    const key = `${component.name}\0${component.source}\0${component.specifier ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(component);
  }
  return out;
}
