/**
 * Reading the `data-flow` facts of the JavaScript and Python analyzers (src/analysis/javascript/flow.ts,
 * src/analysis/python/flow.ts): the detail
 * 'host-name+secret -> network:builtins.fetch @x.pw via send' split into its parts.
 */
import type { ConstructFact } from '../../analysis/types.ts';
import { type DataFlow, flowInDetail } from '../../catalog/lib/data-flow.ts';
import type { DetectionContext, Occurrence } from '../../catalog/types.ts';
import { constructOccurrence, OccurrenceCollector } from './occurrence.ts';

export function parseDataFlow(fact: ConstructFact): DataFlow | undefined {
  return fact.kind === 'data-flow' ? flowInDetail(fact.detail) : undefined;
}

/** What each source label is called in evidence. */
export const FLOW_LABEL_WORDS: Readonly<Record<string, string>> = {
  'host-name': 'the host name',
  'user-name': 'the user name',
  'network-config': 'the network interfaces',
  env: 'the whole environment',
  'env-secret': 'a secret environment variable',
  'credential-file': 'a credential file',
  secret: 'a secret-named value',
  'file-content': 'file contents',
  decoded: 'decoded data',
  remote: 'downloaded data',
  'user-folder': "a path in the user's folders",
  'credential-path': 'a credential path',
  cookie: "the page's cookies",
};

export function describeFlow(flow: DataFlow, labels: readonly string[]): string {
  const what = labels.map((label) => FLOW_LABEL_WORDS[label] ?? label).join(', ');
  const to = flow.host === undefined ? flow.callee : `${flow.callee} (${flow.host})`;
  return `${what} reaches ${to}${flow.via === undefined ? '' : ` through ${flow.via}()`}`;
}

/** Occurrences of the traced flows that match, described with the labels `pick` keeps. */
export function detectFlows(
  context: DetectionContext,
  pick: (flow: DataFlow) => readonly string[],
): readonly Occurrence[] {
  const collector = new OccurrenceCollector();
  for (const source of context.facts.sources) {
    for (const fact of source.constructs) {
      const flow = parseDataFlow(fact);
      if (flow === undefined) continue;
      const labels = pick(flow);
      if (labels.length === 0) continue;
      collector.add(constructOccurrence(fact, describeFlow(flow, labels)));
      if (collector.full) return collector.list();
    }
  }
  return collector.list();
}
