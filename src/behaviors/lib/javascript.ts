/**
 * JavaScript and TypeScript counterparts of the Python helpers in match.ts / detect.ts. Kept apart so
 * that a behavior shared by both ecosystems adds its npm callee list next to the Python one, and the
 * Python matchers keep their exact meaning.
 */
import type { CallFact, ConstructFact, ConstructKind, SourceFacts } from '../../analysis/types.ts';
import type { DetectionContext, Occurrence } from '../../catalog/types.ts';
import { type CallRule, callIndexOf, matchCallRules } from './detect.ts';
import { constructOccurrence, OccurrenceCollector } from './occurrence.ts';

export function jsSources(context: DetectionContext): readonly SourceFacts[] {
  return context.facts.sources.filter(
    (source) => source.language === 'javascript' || source.language === 'typescript',
  );
}

export function* jsCalls(context: DetectionContext): Generator<{ source: SourceFacts; call: CallFact }> {
  for (const source of jsSources(context)) {
    for (const call of source.calls) yield { source, call };
  }
}

/** Like detectCalls, over JavaScript and TypeScript files. */
export function detectJsCalls(context: DetectionContext, rules: readonly CallRule[]): readonly Occurrence[] {
  return matchCallRules(
    callIndexOf(
      context.facts,
      'javascript',
      (language) => language === 'javascript' || language === 'typescript',
    ),
    rules,
  );
}

/** Constructs of the given kinds in JavaScript files, optionally filtered. */
export function detectJsConstructs(
  context: DetectionContext,
  kinds: readonly ConstructKind[],
  note: string | ((fact: ConstructFact) => string),
  when?: (fact: ConstructFact) => boolean,
): readonly Occurrence[] {
  const collector = new OccurrenceCollector();
  for (const source of jsSources(context)) {
    for (const fact of source.constructs) {
      if (collector.full) return collector.list();
      if (!kinds.includes(fact.kind) || collector.taken(fact.file, fact.line) || (when && !when(fact)))
        continue;
      collector.add(constructOccurrence(fact, typeof note === 'string' ? note : note(fact)));
    }
  }
  return collector.list();
}

/** Reads of watched properties ('process.env.NPM_TOKEN', 'process.platform') whose name matches. */
export function detectMemberReads(
  context: DetectionContext,
  pattern: RegExp,
  note: (name: string) => string,
): readonly Occurrence[] {
  return detectJsConstructs(
    context,
    ['member-read'],
    (fact) => note(fact.detail ?? ''),
    (fact) => pattern.test(fact.detail ?? ''),
  );
}

/** Is this value the whole process.env (not one variable of it)? */
export function isWholeEnvironment(text: string): boolean {
  return text === 'process.env';
}
