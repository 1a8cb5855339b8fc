import { defineBehavior } from '../../catalog/define.ts';
import { detectStrings } from '../lib/detect.ts';

/**
 * Ways to load code into every process or into the kernel: the system-wide preload list, the preload variables of
 * the Linux and macOS loaders, and kernel module loading of a .ko file.
 */
const LOADER_HOOK =
  /\/etc\/ld\.so\.preload\b|\bLD_PRELOAD=|\bDYLD_INSERT_LIBRARIES=|\b(?:insmod|modprobe)\s+\S+\.ko\b/;

export const hooksDynamicLoader = defineBehavior({
  id: 'hooks-dynamic-loader',
  category: 'evasion',
  ecosystems: ['pypi', 'npm'],
  title: 'Loads code into other processes through the dynamic loader or into the kernel.',
  description:
    'Finds /etc/ld.so.preload, LD_PRELOAD= and DYLD_INSERT_LIBRARIES= assignments and insmod / modprobe of a .ko ' +
    'file in code strings.',
  problem:
    'A library listed in ld.so.preload is loaded into every program the machine starts, and a kernel module runs ' +
    'with full control of the system: both are how user-mode and kernel rootkits hide files, processes and ' +
    'connections. Profilers and sandboxes set LD_PRELOAD for one command, honestly.',
  nextSteps: [
    'Check which library or module is loaded and whether the change is system-wide or for one command.',
    'If the package ran, inspect /etc/ld.so.preload and the loaded kernel modules.',
  ],
  severity: 'medium',
  references: { mitreAttack: ['T1574.006', 'T1547.006'] },
  detect: (context) =>
    detectStrings(context, [
      { pattern: LOADER_HOOK, note: 'hooks the dynamic loader or loads a kernel module' },
    ]),
});
