import type { Component } from './types.ts';

/** Same package: same ecosystem, name, version and origin (two git URLs without a version are two packages). */
function identity(c: Component): string {
  const patched = c.url?.startsWith('patch:') === true;
  const origin = c.source === 'registry' && !patched ? '' : (c.url ?? c.specifier ?? '');
  return `${c.ecosystem}\0${c.normalizedName}\0${c.alias ?? ''}\0${c.version ?? c.specifier ?? ''}\0${c.source}\0${origin}`;
}

/**
 * One component per package, not per install path: npm lockfiles list a copy for every `node_modules` folder
 * and a Pipfile may name a package in both sections. The merged component is direct when any copy is, and
 * development-only only when every copy is; the other places are kept in `alsoDeclaredIn`.
 */
export function mergeDuplicates(components: readonly Component[]): Component[] {
  const groups = new Map<
    string,
    { first: Component; direct?: Component; dev: boolean; places: Component['declaredIn'][] }
  >();
  for (const c of components) {
    const key = identity(c);
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, { first: c, ...(c.direct ? { direct: c } : {}), dev: c.dev, places: [c.declaredIn] });
      continue;
    }
    group.dev &&= c.dev;
    group.places.push(c.declaredIn);
    if (c.direct) group.direct ??= c;
  }
  const out: Component[] = [];
  for (const { first, direct, dev, places } of groups.values()) {
    if (places.length === 1) {
      out.push(first);
      continue;
    }
    // A direct declaration is the one to point at; the others follow in file order.
    const main = direct ?? first;
    const also = places.filter((place) => place !== main.declaredIn);
    out.push({ ...main, direct: direct !== undefined, dev, alsoDeclaredIn: also });
  }
  return out;
}
