/**
 * Data flow across the package's own modules. Each file's tracker (flow.ts) leaves `flow-link` facts: flows
 * whose value or sink is a function of a relative module (`?../lib/tokens.collect -> ?../lib/webhook.post`),
 * and summaries of its named functions (`fn collect returns credential-file`, `fn post sends
 * network:https.request @discord.com`). Once every file is read, this joins them: a deferred half is looked
 * up in the summary of the function its module file defines, so the commonest npm stealer — an install
 * script that calls `collect()` from one module and hands the result to `post()` from another — becomes an
 * ordinary `data-flow` fact at the call site.
 *
 * Bounded: resolution follows at most MAX_DEPTH modules deep, and a package gains at most MAX_JOINED flows.
 */

import { NODE_RESOLVE_SUFFIXES } from '../../metadata/npm/module-resolution.ts';
import type { ConstructFact, PackageFacts, SourceFacts } from '../types.ts';
import { isPathLabel, MODULE_LINK_SEPARATOR } from './flow.ts';

const MAX_DEPTH = 4;
const MAX_JOINED = 200;
/** Names a default export goes by in a summary: `module.exports = function`, `export default function`. */
const DEFAULT_NAMES = ['default', 'exports'];

interface Summary {
  readonly returns: Map<string, readonly string[]>;
  readonly sends: Map<string, string>;
}

interface Flow {
  readonly fact: ConstructFact;
  readonly labels: readonly string[];
  readonly sink: string;
  readonly via: string | undefined;
}

const FLOW = /^(\S+)(?: via ([\w$]+))?$/;

export function linkModuleFlows(facts: PackageFacts): PackageFacts {
  const summaries = new Map<string, Summary>();
  const flows: Flow[] = [];
  for (const source of facts.sources) {
    if (source.language === 'python') continue;
    for (const fact of source.constructs) {
      if (fact.kind !== 'flow-link' || fact.detail === undefined) continue;
      readLink(source.file, fact, summaries, flows);
    }
  }
  if (flows.length === 0) return facts;
  const files = new Set(facts.sources.map((source) => source.file));
  const resolver = new Resolver(files, summaries);
  const added = new Map<string, ConstructFact[]>();
  let count = 0;
  for (const flow of flows) {
    if (count >= MAX_JOINED) break;
    const joined = resolver.join(flow);
    if (joined === undefined) continue;
    const list = added.get(flow.fact.file) ?? [];
    list.push(joined);
    added.set(flow.fact.file, list);
    count++;
  }
  if (added.size === 0) return facts;
  return {
    ...facts,
    sources: facts.sources.map((source): SourceFacts => {
      const extra = added.get(source.file);
      if (extra === undefined) return source;
      const constructs = [...source.constructs, ...extra].sort(
        (a, b) => a.line - b.line || a.column - b.column,
      );
      return { ...source, constructs };
    }),
  };
}

function readLink(file: string, fact: ConstructFact, summaries: Map<string, Summary>, flows: Flow[]): void {
  const detail = fact.detail ?? '';
  const summary = /^fn ([\w$]+) (returns|sends) (\S+(?: @[\w.-]+)?)$/.exec(detail);
  if (summary !== null) {
    const [, name = '', what, value = ''] = summary;
    let entry = summaries.get(file);
    if (entry === undefined) {
      entry = { returns: new Map(), sends: new Map() };
      summaries.set(file, entry);
    }
    if (what === 'returns') entry.returns.set(name, value.split('+'));
    else if (!entry.sends.has(name)) entry.sends.set(name, value);
    return;
  }
  const at = detail.indexOf(MODULE_LINK_SEPARATOR);
  if (at < 0) return;
  const rest = detail.slice(at + MODULE_LINK_SEPARATOR.length);
  // A sink with a literal host: 'network:https.request @x.example via send'.
  const host = /^(\S+ @[\w.-]+)(?: via ([\w$]+))?$/.exec(rest);
  const plain = host === null ? FLOW.exec(rest) : null;
  const sink = host?.[1] ?? plain?.[1];
  if (sink === undefined) return;
  flows.push({ fact, labels: detail.slice(0, at).split('+'), sink, via: host?.[2] ?? plain?.[2] });
}

class Resolver {
  constructor(
    private readonly files: ReadonlySet<string>,
    private readonly summaries: ReadonlyMap<string, Summary>,
  ) {}

  /** The flow with every deferred half resolved, as a `data-flow` fact; undefined when a half stays open. */
  join(flow: Flow): ConstructFact | undefined {
    const file = flow.fact.file;
    const labels = new Set<string>();
    for (const label of flow.labels) {
      if (label.startsWith('?'))
        for (const found of this.returned(file, label.slice(1), 0)) labels.add(found);
      else labels.add(label);
    }
    if (labels.size === 0) return undefined;
    let sink = flow.sink;
    let via = flow.via;
    if (sink.startsWith('?')) {
      const target = this.sent(file, sink.slice(1), 0);
      if (target === undefined) return undefined;
      sink = target.sink;
      via = target.via;
    }
    if (!sink.startsWith('file-write:') && [...labels].every(isPathLabel)) return undefined;
    const detail = `${[...labels].sort().join('+')}${MODULE_LINK_SEPARATOR}${sink}${via === undefined ? '' : ` via ${via}`}`;
    return { ...flow.fact, kind: 'data-flow', detail };
  }

  /** What `callee` (a relative module's function, seen from `file`) returns, deferred halves resolved. */
  private returned(file: string, callee: string, depth: number): readonly string[] {
    if (depth >= MAX_DEPTH) return [];
    const target = this.locate(file, callee);
    if (target === undefined) return [];
    const labels = pick(this.summaries.get(target.file)?.returns, target.member);
    if (labels === undefined) return [];
    const out: string[] = [];
    for (const label of labels) {
      if (label.startsWith('?')) out.push(...this.returned(target.file, label.slice(1), depth + 1));
      else out.push(label);
    }
    return out;
  }

  /** Where `callee`'s parameter goes, when that is a real sink (through at most MAX_DEPTH modules). */
  private sent(
    file: string,
    callee: string,
    depth: number,
  ): { readonly sink: string; readonly via: string } | undefined {
    if (depth >= MAX_DEPTH) return undefined;
    const target = this.locate(file, callee);
    if (target === undefined) return undefined;
    const sink = pick(this.summaries.get(target.file)?.sends, target.member);
    if (sink === undefined) return undefined;
    const via = target.member === '' ? 'default' : lastSegment(target.member);
    if (!sink.startsWith('?')) return { sink, via };
    const next = this.sent(target.file, sink.slice(1), depth + 1);
    return next === undefined ? undefined : { sink: next.sink, via };
  }

  /** `../lib/webhook.post` from `build/x.js` → lib/webhook.js, member `post`; the longest module path wins. */
  private locate(
    file: string,
    callee: string,
  ): { readonly file: string; readonly member: string } | undefined {
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    const lastSlash = callee.lastIndexOf('/');
    const cuts = [callee.length];
    for (let i = callee.length - 1; i > lastSlash; i--) if (callee[i] === '.') cuts.push(i);
    for (const cut of cuts) {
      const found = this.resolve(dir, callee.slice(0, cut));
      if (found !== undefined) return { file: found, member: callee.slice(cut + 1) };
    }
    return undefined;
  }

  private resolve(dir: string, spec: string): string | undefined {
    const joined = joinRelative(dir, spec);
    if (joined === undefined) return undefined;
    const bases = /\.[cm]?js$/.test(joined) ? [joined, joined.replace(/js$/, 'ts')] : [joined];
    for (const base of bases) {
      for (const suffix of NODE_RESOLVE_SUFFIXES) if (this.files.has(base + suffix)) return base + suffix;
    }
    return undefined;
  }
}

/** The summary entry for a member; a default import takes the default export or the file's only function. */
function pick<T>(entries: ReadonlyMap<string, T> | undefined, member: string): T | undefined {
  if (entries === undefined) return undefined;
  if (member !== '') return entries.get(lastSegment(member));
  for (const name of DEFAULT_NAMES) {
    const found = entries.get(name);
    if (found !== undefined) return found;
  }
  return entries.size === 1 ? entries.values().next().value : undefined;
}

function lastSegment(member: string): string {
  return member.slice(member.lastIndexOf('.') + 1);
}

/** `dir` + './a/../b' → 'dir/b'; undefined when the path leaves the package. */
function joinRelative(dir: string, relative: string): string | undefined {
  const parts = dir === '' ? [] : dir.replace(/\/$/, '').split('/');
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}
