import { defineBehavior } from '../../catalog/define.ts';
import { describeFlow, parseDataFlow } from '../lib/data-flow.ts';
import { jsSources } from '../lib/javascript.ts';
import { constructOccurrence, OccurrenceCollector } from '../lib/occurrence.ts';

export const writesToUserFolders = defineBehavior({
  id: 'writes-to-user-folders',
  category: 'file',
  ecosystems: ['npm'],
  title: "Writes files into the user's Desktop, Documents or OneDrive folders.",
  description:
    'Follows path strings that name the Desktop, Documents, Pictures or OneDrive folders through variables, ' +
    'string building and function parameters, and reports where one reaches a file write in JavaScript.',
  problem:
    "A library has no reason to put files on the user's desktop or into their documents: protestware drops " +
    'its messages there, and ransomware notes land in the same places.',
  nextSteps: ['Check what is written and when; code that runs on import or install is the worst case.'],
  severity: 'medium',
  references: { mitreAttack: ['T1565.001'] },
  detect: (context) => {
    const collector = new OccurrenceCollector();
    for (const source of jsSources(context)) {
      for (const fact of source.constructs) {
        const flow = parseDataFlow(fact);
        if (flow?.sink !== 'file-write' || !flow.labels.includes('user-folder')) continue;
        collector.add(constructOccurrence(fact, describeFlow(flow, ['user-folder'])));
        if (collector.full) return collector.list();
      }
    }
    return collector.list();
  },
});
