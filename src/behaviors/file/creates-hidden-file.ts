import { defineBehavior } from '../../catalog/define.ts';
import { commandText, isProcessCall, PROCESS_CALLEES } from '../lib/commands.ts';
import { detectCalls } from '../lib/detect.ts';
import { textOf } from '../lib/match.ts';

export const createsHiddenFile = defineBehavior({
  id: 'creates-hidden-file',
  category: 'file',
  ecosystems: ['pypi'],
  title: 'Hides files from the user.',
  description:
    'Finds commands that set the hidden or system attribute (attrib +h / +s, chflags hidden) and calls to ' +
    'SetFileAttributes with FILE_ATTRIBUTE_HIDDEN or FILE_ATTRIBUTE_SYSTEM.',
  problem:
    "Hiding a file keeps it out of the user's sight in Explorer or Finder: droppers hide the payload and the " +
    'scripts that restart it.',
  nextSteps: ['Find the hidden files and check what they contain and what starts them.'],
  severity: 'medium',
  references: { mitreAttack: ['T1564.001'] },
  detect: (context) =>
    detectCalls(context, [
      {
        callees: PROCESS_CALLEES,
        when: (call) =>
          isProcessCall(call) && /\battrib\b[^|;&]*\+[hs]\b|\bchflags\s+hidden\b/i.test(commandText(call)),
        note: () => 'hides a file with a command',
      },
      {
        callees: [
          '*.SetFileAttributesW',
          '*.SetFileAttributesA',
          '*.SetFileAttributes',
          'win32api.SetFileAttributes',
        ],
        when: (call) => /HIDDEN|SYSTEM|^[2-7]$|0x0*[2-7]$/.test(textOf(call.args[1])),
        note: () => 'sets the hidden attribute',
      },
    ]),
});
