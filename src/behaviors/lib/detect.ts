import type { CallFact, ConstructFact, ConstructKind, PackageFacts } from '../../analysis/types.ts';
import type { DetectionContext, Occurrence } from '../../catalog/types.ts';
import { type CallIndex, candidatePositions, indexCalls } from './call-index.ts';
import { type CodeString, codeStringTable, distinctMatcher, pythonSources } from './match.ts';
import { callOccurrence, constructOccurrence, OccurrenceCollector, stringOccurrence } from './occurrence.ts';

export interface CallRule {
  readonly callees: readonly string[];
  /** A further test on the call (its arguments, keywords). */
  readonly when?: (call: CallFact) => boolean;
  /** The detail note; by default 'calls <callee>'. */
  readonly note?: (call: CallFact) => string;
}

/**
 * Occurrences of the indexed calls matching any rule, in source order; for each call the first rule
 * (in the order given) whose callee and condition match supplies the note.
 */
export function matchCallRules(index: CallIndex, rules: readonly CallRule[]): readonly Occurrence[] {
  const ruleOf = new Map<number, CallRule>();
  for (const rule of rules) {
    for (const position of candidatePositions(index, rule.callees)) {
      if (ruleOf.has(position)) continue;
      const call = index.calls[position];
      if (call === undefined || (rule.when && !rule.when(call))) continue;
      ruleOf.set(position, rule);
    }
  }
  const collector = new OccurrenceCollector();
  for (const position of [...ruleOf.keys()].sort((a, b) => a - b)) {
    if (collector.full) break;
    const call = index.calls[position];
    const rule = ruleOf.get(position);
    if (call !== undefined && rule !== undefined) collector.add(callOccurrence(call, rule.note?.(call)));
  }
  return collector.list();
}

const callIndexes = new WeakMap<PackageFacts, Map<string, CallIndex>>();

/**
 * The calls of the sources that `select` keeps, indexed once per package and language group: every
 * behavior of a scan reads the same index.
 */
export function callIndexOf(
  facts: PackageFacts,
  group: string,
  select: (language: string) => boolean,
): CallIndex {
  let byGroup = callIndexes.get(facts);
  if (byGroup === undefined) {
    byGroup = new Map();
    callIndexes.set(facts, byGroup);
  }
  let index = byGroup.get(group);
  if (index === undefined) {
    const calls: CallFact[] = [];
    for (const source of facts.sources)
      if (select(source.language)) for (const call of source.calls) calls.push(call);
    index = indexCalls(calls);
    byGroup.set(group, index);
  }
  return index;
}

/** The Python calls of a package, indexed once for every behavior and policy of the scan. */
export function pythonCallIndex(facts: PackageFacts): CallIndex {
  return callIndexOf(facts, 'python', (language) => language === 'python');
}

/** Occurrences of Python calls matching any rule. */
export function detectCalls(context: DetectionContext, rules: readonly CallRule[]): readonly Occurrence[] {
  return matchCallRules(pythonCallIndex(context.facts), rules);
}

export interface StringRule {
  readonly pattern: RegExp;
  readonly note: string;
  readonly when?: (fact: CodeString) => boolean;
}

/** Occurrences of code strings (never docstrings) matching a rule: paths, registry keys, commands. */
export function detectStrings(
  context: DetectionContext,
  rules: readonly StringRule[],
): readonly Occurrence[] {
  const collector = new OccurrenceCollector();
  const table = codeStringTable(context);
  const strings = table.strings;
  const matches = distinctMatcher(
    table,
    rules.map((rule) => rule.pattern),
  );
  for (let i = 0; i < strings.length; i++) {
    if (collector.full) break;
    // Most strings match no rule: with the mask that costs one look-up.
    const mask = matches === undefined ? -1 : matches(i);
    if (mask === 0) continue;
    const fact = strings[i] as CodeString;
    if (collector.taken(fact.file, fact.line)) continue;
    // Texts are bounded (a huge blob is not a path or a key), which keeps the regexes cheap.
    const value = table.values[table.ids[i] as number] as string;
    for (let k = 0; k < rules.length; k++) {
      const rule = rules[k] as StringRule;
      if (!(matches === undefined ? rule.pattern.test(value) : (mask & (1 << k)) !== 0)) continue;
      if (rule.when && !rule.when(fact)) continue;
      collector.add(stringOccurrence(fact, rule.note));
      break;
    }
  }
  return collector.list();
}

/**
 * Occurrences of the constructs of the given kinds in Python sources. `judge`, when given, decides per
 * construct: the construct to report (its detail may be rewritten), or undefined to pass it over.
 */
export function detectConstructs(
  context: DetectionContext,
  kinds: readonly ConstructKind[],
  note: string,
  judge?: (fact: ConstructFact) => ConstructFact | undefined,
): readonly Occurrence[] {
  const collector = new OccurrenceCollector();
  for (const source of pythonSources(context)) {
    for (const fact of source.constructs) {
      if (collector.full) return collector.list();
      if (!kinds.includes(fact.kind)) continue;
      const judged = judge === undefined ? fact : judge(fact);
      if (judged !== undefined) collector.add(constructOccurrence(judged, note));
    }
  }
  return collector.list();
}

/** Several detectors into one capped list (calls first, then strings ...). */
export function mergeOccurrences(...lists: readonly (readonly Occurrence[])[]): readonly Occurrence[] {
  const collector = new OccurrenceCollector();
  for (const list of lists) for (const occurrence of list) collector.add(occurrence);
  return collector.list();
}

export function importOccurrences(
  context: DetectionContext,
  modules: readonly string[],
  note: string,
): readonly Occurrence[] {
  const collector = new OccurrenceCollector();
  for (const source of pythonSources(context)) {
    for (const fact of source.imports) {
      const module = fact.member ? `${fact.module}.${fact.member}` : fact.module;
      if (!modules.some((name) => module === name || module.startsWith(`${name}.`) || fact.module === name))
        continue;
      collector.add({
        file: fact.file,
        line: fact.line,
        column: fact.column,
        snippet: fact.snippet,
        detail: `${note} (${fact.module})`,
      });
    }
  }
  return collector.list();
}
