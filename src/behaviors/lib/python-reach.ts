/**
 * Python files that run on import or install because a package `__init__.py` or setup.py imports them. A folder
 * called examples/ or tests/ is the author's choice: when the package's own __init__ imports it, its module-level
 * code runs on every `import pkg` like any other module.
 */
import type { ImportFact, PackageFacts } from '../../analysis/types.ts';
import { classifyLocation } from '../../catalog/lib/location.ts';

/** Enough for any real package's import graph; the walk stops there. */
const MAX_REACHED_FILES = 200;

const reachedSets = new WeakMap<PackageFacts, ReadonlySet<string>>();

/** Files imported (directly or through other imports) from a non-auxiliary __init__.py or setup.py, cached per scan. */
export function pythonImportReached(facts: PackageFacts): ReadonlySet<string> {
  let reached = reachedSets.get(facts);
  if (reached === undefined) {
    reached = walk(facts);
    reachedSets.set(facts, reached);
  }
  return reached;
}

function walk(facts: PackageFacts): ReadonlySet<string> {
  const python = facts.sources.filter((source) => source.language === 'python');
  const files = new Set(python.map((source) => source.file));
  const byFile = new Map(python.map((source) => [source.file, source]));
  const out = new Set<string>();
  const queue: string[] = [];
  for (const source of python) {
    const location = classifyLocation(source.file);
    if (location === 'package-init' || location === 'setup-script') queue.push(source.file);
  }
  const seen = new Set(queue);
  while (queue.length > 0 && out.size < MAX_REACHED_FILES) {
    const file = queue.shift()!;
    for (const fact of byFile.get(file)?.imports ?? []) {
      if (fact.dynamic) continue;
      for (const target of importTargets(file, fact, files)) {
        if (seen.has(target)) continue;
        seen.add(target);
        out.add(target);
        queue.push(target);
      }
    }
  }
  return out;
}

function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** The package files an import may load: the module, its package's __init__.py files, an imported submodule. */
function importTargets(file: string, fact: ImportFact, files: ReadonlySet<string>): string[] {
  const dots = /^\.*/.exec(fact.module)?.[0].length ?? 0;
  const rest = fact.module.slice(dots).split('.').filter(Boolean);
  const names = fact.member !== undefined && fact.member !== '*' ? [[...rest, fact.member], rest] : [rest];
  const out: string[] = [];
  if (dots > 0) {
    let base = dirOf(file);
    for (let i = 1; i < dots; i++) base = dirOf(base);
    for (const parts of names) out.push(...candidates(base, parts, files));
    return out;
  }
  // An absolute import of the package's own modules: match by path suffix (the archive adds a prefix folder).
  const first = rest[0];
  if (first === undefined) return out;
  for (const path of files) {
    const at = path.indexOf(`${first}/`);
    if (at !== 0 && path[at - 1] !== '/') continue;
    const base = path.slice(0, Math.max(0, at - 1));
    for (const parts of names) out.push(...candidates(base, parts, files));
    break;
  }
  return out;
}

function candidates(base: string, parts: readonly string[], files: ReadonlySet<string>): string[] {
  const out: string[] = [];
  let dir = base;
  for (const part of parts) {
    dir = dir === '' ? part : `${dir}/${part}`;
    const init = `${dir}/__init__.py`;
    if (files.has(init)) out.push(init);
  }
  if (files.has(`${dir}.py`)) out.push(`${dir}.py`);
  return out;
}
