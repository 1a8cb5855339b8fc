import { defineBehavior } from '../../catalog/define.ts';
import { detectCalls, detectStrings, mergeOccurrences } from '../lib/detect.ts';
import { callStrings, textOf } from '../lib/match.ts';

/** Places where a link makes a program start or show up for the user. */
const LINK_PLACES = /Start Menu|Desktop|autostart|Startup|applications[/\\]/i;

export const createsShortcut = defineBehavior({
  id: 'creates-shortcut',
  category: 'file',
  ecosystems: ['pypi'],
  title: 'Creates shortcuts to programs.',
  description:
    'Finds shortcut creation: CreateShortcut through WScript.Shell (win32com, comtypes), winshell and pyshortcuts ' +
    'helpers, .lnk and .url paths, freedesktop .desktop entries ([Desktop Entry]), internet shortcuts ' +
    '([InternetShortcut]) and symbolic links into start menus, desktops or autostart folders.',
  problem:
    'Shortcuts put a program in front of the user or in a folder that starts it at logon. Desktop applications ' +
    'create them on purpose at install; a library that does it, or that points a shortcut at a dropped file, is ' +
    'setting up persistence or a lure.',
  nextSteps: [
    'Check where each shortcut is created and what it points to.',
    'Remove shortcuts in startup folders that you did not expect.',
  ],
  severity: 'low',
  references: { mitreAttack: ['T1547.009'] },
  detect: (context) =>
    mergeOccurrences(
      detectCalls(context, [
        { callees: ['*.CreateShortCut', '*.CreateShortcut'], note: () => 'creates a Windows shortcut' },
        {
          callees: ['win32com.client.Dispatch', 'win32com.client.DispatchEx', 'comtypes.client.CreateObject'],
          when: (call) => callStrings(call).some((text) => /^WScript\.Shell$/i.test(text)),
          note: () => 'opens WScript.Shell, the shortcut-making COM object',
        },
        {
          callees: ['winshell.CreateShortcut', 'winshell.shortcut', 'pyshortcuts.make_shortcut', 'swinlnk.*'],
          note: (call) => `creates a shortcut with ${call.callee}`,
        },
        {
          callees: ['os.symlink', 'pathlib.Path.symlink_to', '*.symlink_to'],
          when: (call) => LINK_PLACES.test(call.args.map(textOf).join(' ')),
          note: () => 'links a file into a start menu, desktop or autostart folder',
        },
      ]),
      detectStrings(context, [
        { pattern: /\.lnk$/i, note: 'names a .lnk shortcut' },
        { pattern: /^\s*\[(Desktop Entry|InternetShortcut)\]/m, note: 'writes a shortcut entry' },
        { pattern: /(autostart|applications)[/\\][^/\\]*\.desktop$/i, note: 'names a .desktop entry' },
      ]),
    ),
});
