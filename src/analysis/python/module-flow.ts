/**
 * Data flow across a Python package's own modules. Each file's tracker (flow.ts) leaves `flow-link` facts: the
 * return summaries of its module-level functions (`fn fetch returns remote`), its module-level URL constants
 * (`const URL @x.example`), a sink given a call of a function imported from a relative module
 * (`?.net.fetch -> code:builtins.exec`), and a traced flow whose URL is a name imported from one
 * (`host-name -> network:requests.post @?.cfg.URL`). Once every file is read, this joins them: the function or
 * constant is looked up in the module file the relative import names, following direct re-exports
 * (`from .impl import fetch` in that module), so `exec(fetch())` across two files is an ordinary `data-flow`
 * fact at the call site, and a flow to an imported URL carries its host.
 *
 * Bounded: at most MAX_DEPTH modules followed per look-up, MAX_JOINED facts added or completed per package.
 */
import { posix } from 'node:path';
import type { ConstructFact, PackageFacts, SourceFacts } from '../types.ts';

const MAX_DEPTH = 4;
const MAX_JOINED = 200;

interface ModuleSummary {
  readonly returns: Map<string, string>;
  readonly constants: Map<string, string>;
  /** Names the module imports from a relative module, as the reference a call would carry ('.impl.fetch'). */
  readonly imported: Map<string, string>;
}

interface Pending {
  readonly file: string;
  readonly fact: ConstructFact;
  readonly kind: 'returns' | 'host';
  readonly ref: string;
  /** For returns: the sink ('code:builtins.exec'); for host: the flow without its host. */
  readonly rest: string;
}

export function linkPythonModuleFlows(facts: PackageFacts): PackageFacts {
  const summaries = new Map<string, ModuleSummary>();
  const pending: Pending[] = [];
  for (const source of facts.sources) {
    if (source.language !== 'python') continue;
    const summary: ModuleSummary = { returns: new Map(), constants: new Map(), imported: new Map() };
    for (const fact of source.constructs) {
      if (fact.kind !== 'flow-link' || fact.detail === undefined) continue;
      readLink(source.file, fact, summary, pending);
    }
    for (const fact of source.imports) {
      if (fact.member === undefined || !fact.module.startsWith('.')) continue;
      const ref = fact.module.endsWith('.')
        ? `${fact.module}${fact.member}`
        : `${fact.module}.${fact.member}`;
      summary.imported.set(fact.alias ?? fact.member, ref);
    }
    summaries.set(source.file, summary);
  }
  if (pending.length === 0) return facts;
  // One look-up per join instead of a scan of every source; the first source of a path wins, as find() did.
  const sourceOf = new Map<string, SourceFacts>();
  for (const source of facts.sources) if (!sourceOf.has(source.file)) sourceOf.set(source.file, source);
  const added = new Map<string, ConstructFact[]>();
  const completed = new Map<ConstructFact, string>();
  let count = 0;
  for (const item of pending) {
    if (count >= MAX_JOINED) break;
    const found = lookUp(summaries, item.file, item.ref, item.kind === 'returns' ? 'returns' : 'constants');
    if (found === undefined) continue;
    const source = sourceOf.get(item.file);
    const local = source?.constructs.find(
      (fact) => fact.kind === 'data-flow' && fact.line === item.fact.line && fact.column === item.fact.column,
    );
    if (item.kind === 'host') {
      if (local?.detail !== item.rest) continue;
      completed.set(local, `${item.rest} @${found}`);
    } else {
      // A flow the file traced itself at the same call says at least as much.
      if (local !== undefined) continue;
      const list = added.get(item.file) ?? [];
      list.push({ ...item.fact, kind: 'data-flow', detail: `${found} -> ${item.rest}` });
      added.set(item.file, list);
    }
    count++;
  }
  if (added.size === 0 && completed.size === 0) return facts;
  return {
    ...facts,
    sources: facts.sources.map((source): SourceFacts => {
      const extra = added.get(source.file) ?? [];
      const touched = source.constructs.some((fact) => completed.has(fact));
      if (extra.length === 0 && !touched) return source;
      const constructs = [
        ...source.constructs.map((fact) => {
          const detail = completed.get(fact);
          return detail === undefined ? fact : { ...fact, detail };
        }),
        ...extra,
      ].sort((a, b) => a.line - b.line || a.column - b.column);
      return { ...source, constructs };
    }),
  };
}

function readLink(file: string, fact: ConstructFact, summary: ModuleSummary, pending: Pending[]): void {
  const detail = fact.detail ?? '';
  let m = /^fn (\w+) returns (\S+)$/.exec(detail);
  if (m !== null) {
    summary.returns.set(m[1]!, m[2]!);
    return;
  }
  m = /^const (\w+) @([\w.-]+)$/.exec(detail);
  if (m !== null) {
    summary.constants.set(m[1]!, m[2]!);
    return;
  }
  m = /^\?(\.[\w.]+) -> (\S+(?: @[\w.-]+)?)$/.exec(detail);
  if (m !== null) {
    pending.push({ file, fact, kind: 'returns', ref: m[1]!, rest: m[2]! });
    return;
  }
  m = /^(\S+ -> \S+) @\?(\.[\w.]+)$/.exec(detail);
  if (m !== null) pending.push({ file, fact, kind: 'host', ref: m[2]!, rest: m[1]! });
}

/** What a relative reference ('.net.fetch', '..cfg.URL') names, following re-exports up to MAX_DEPTH. */
function lookUp(
  summaries: ReadonlyMap<string, ModuleSummary>,
  from: string,
  ref: string,
  what: 'returns' | 'constants',
  depth = 0,
): string | undefined {
  if (depth >= MAX_DEPTH) return undefined;
  const level = /^\.+/.exec(ref)?.[0].length ?? 0;
  const parts = ref.slice(level).split('.');
  const name = parts.pop();
  if (name === undefined || name === '') return undefined;
  let base = posix.dirname(from);
  for (let i = 1; i < level; i++) base = posix.dirname(base);
  const module = parts.join('/');
  const candidates =
    module === ''
      ? [posix.join(base, '__init__.py')]
      : [`${posix.join(base, module)}.py`, posix.join(base, module, '__init__.py')];
  for (const file of candidates) {
    const summary = summaries.get(file);
    if (summary === undefined) continue;
    const found = summary[what].get(name);
    if (found !== undefined) return found;
    const next = summary.imported.get(name);
    if (next !== undefined) return lookUp(summaries, file, next, what, depth + 1);
  }
  return undefined;
}
