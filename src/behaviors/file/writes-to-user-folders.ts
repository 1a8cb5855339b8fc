import { defineBehavior } from '../../catalog/define.ts';
import { detectFlows } from '../lib/data-flow.ts';

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
  detect: (context) =>
    detectFlows(context, (flow) =>
      flow.sink === 'file-write' && flow.labels.includes('user-folder') ? ['user-folder'] : [],
    ),
});
