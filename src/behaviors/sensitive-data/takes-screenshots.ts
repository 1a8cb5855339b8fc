import { defineBehavior } from '../../catalog/define.ts';
import { detectCalls } from '../lib/detect.ts';

export const takesScreenshots = defineBehavior({
  id: 'takes-screenshots',
  category: 'sensitive-data',
  ecosystems: ['pypi'],
  title: 'Takes screenshots.',
  description:
    'Finds screen captures with PIL.ImageGrab, pyautogui / pyscreeze screenshots, mss, pyscreenshot and d3dshot.',
  problem:
    'A screenshot captures whatever the user is looking at: messages, documents, passwords being typed into ' +
    'visible fields. Stealers attach one to every report.',
  nextSteps: [
    'Check that screen capture is a visible feature of the package and that images stay on the machine.',
  ],
  severity: 'medium',
  references: { mitreAttack: ['T1113'] },
  detect: (context) =>
    detectCalls(context, [
      {
        callees: [
          'PIL.ImageGrab.grab',
          'ImageGrab.grab',
          'pyautogui.screenshot',
          'pyscreeze.screenshot',
          'pyscreenshot.grab',
          'mss.mss',
          'mss.mss.grab',
          'mss.mss.shot',
          'd3dshot.create',
        ],
      },
    ]),
});
