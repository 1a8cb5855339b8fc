import { defineBehavior } from '../../catalog/define.ts';
import { detectCalls } from '../lib/detect.ts';

export const capturesKeystrokes = defineBehavior({
  id: 'captures-keystrokes',
  category: 'sensitive-data',
  ecosystems: ['pypi'],
  title: 'Records keystrokes.',
  description:
    "Finds global keyboard hooks and listeners: pynput keyboard listeners, the keyboard module's hooks, pyHook " +
    'and pyxhook managers, and the Windows GetAsyncKeyState / SetWindowsHookEx APIs.',
  problem:
    'A global keyboard hook sees every key the user types in every application, passwords included. Hotkey ' +
    'tools need it; a library that installs one without saying so is a keylogger.',
  nextSteps: [
    'Check that keyboard capture is the stated purpose of the package and that keystrokes are never stored or sent.',
  ],
  severity: 'medium',
  references: { mitreAttack: ['T1056.001'] },
  detect: (context) =>
    detectCalls(context, [
      {
        callees: [
          'pynput.keyboard.Listener',
          'keyboard.on_press',
          'keyboard.on_release',
          'keyboard.hook',
          'keyboard.read_key',
          'keyboard.record',
          'pyHook.HookManager',
          'pyxhook.HookManager',
          '*.GetAsyncKeyState',
          '*.SetWindowsHookExA',
          '*.SetWindowsHookExW',
        ],
      },
    ]),
});
