import { defineBehavior } from '../../catalog/define.ts';
import { detectCalls } from '../lib/detect.ts';

export const accessesClipboard = defineBehavior({
  id: 'accesses-clipboard',
  category: 'sensitive-data',
  ecosystems: ['pypi'],
  title: 'Reads or replaces the clipboard contents.',
  description:
    'Finds clipboard access through pyperclip, clipboard, win32clipboard, tkinter clipboard_get / ' +
    'clipboard_append, pandas.read_clipboard and the Windows clipboard API.',
  problem:
    'The clipboard often holds passwords and wallet addresses. Clippers watch it and swap a copied crypto ' +
    "address for the attacker's; stealers read it for secrets.",
  nextSteps: [
    'Check whether clipboard access is a visible feature of the package and whether the contents leave the machine.',
  ],
  severity: 'low',
  references: { mitreAttack: ['T1115'], guarddog: ['clipboard-access'] },
  detect: (context) =>
    detectCalls(context, [
      {
        callees: [
          'pyperclip.paste',
          'pyperclip.copy',
          'clipboard.paste',
          'clipboard.copy',
          'win32clipboard.*',
          '*.clipboard_get',
          '*.clipboard_append',
          'pandas.read_clipboard',
          '*.GetClipboardData',
          '*.SetClipboardData',
        ],
      },
    ]),
});
