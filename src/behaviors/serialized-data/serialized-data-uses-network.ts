import { defineBehavior } from '../../catalog/define.ts';
import { serializedOccurrences } from '../lib/serialized/occurrences.ts';

export const serializedDataUsesNetwork = defineBehavior({
  id: 'serialized-data-uses-network',
  category: 'serialized-data',
  ecosystems: ['pypi', 'npm'],
  title: 'Ships serialized data that reaches the network when it is loaded.',
  description:
    'Reports pickles (and NumPy object arrays, PyYAML python tags) that import socket, urllib, requests, http.client, ftplib, smtplib, webbrowser or other network modules.',
  problem:
    'Data that opens connections when loaded can download a second stage or send out what it finds, without any code of the package being involved.',
  nextSteps: [
    'Do not load the file; inspect it with a pickle disassembler.',
    'Find out where it connects and block that destination.',
  ],
  severity: 'high',
  references: { cwe: ['CWE-502'] },
  detect: (context) => serializedOccurrences(context, 'network'),
});
