import { defineBehavior } from '../../catalog/define.ts';
import { OccurrenceCollector } from '../lib/occurrence.ts';
import { lines, snippetOf, textFiles } from '../lib/text.ts';

export const shipsPthFile = defineBehavior({
  id: 'ships-pth-file',
  category: 'execution',
  ecosystems: ['pypi'],
  title: 'Ships a .pth file that runs code when Python starts.',
  description:
    'Finds .pth files in the package and the lines in them that start with `import`: the site module executes ' +
    'such lines at every interpreter start once the file lands in site-packages.',
  problem:
    'A .pth file runs in every Python process on the machine, whether or not the package is ever imported, and ' +
    'it survives uninstalling the code that dropped it only if someone forgets to remove it. Namespace packages ' +
    'and a few tools use one-line hooks here; anything longer deserves a close read.',
  nextSteps: [
    'Read every import line of the .pth file and what it executes.',
    'Check that the hook is documented by the project and does no network, process or decoding work.',
  ],
  severity: 'medium',
  references: { mitreAttack: ['T1546'] },
  detect: (context) => {
    const collector = new OccurrenceCollector();
    for (const { file, text } of textFiles(context, (path) => path.toLowerCase().endsWith('.pth'))) {
      for (const entry of lines(text)) {
        if (collector.full) break;
        if (!/^import[\s;]/.test(entry.text)) continue;
        collector.add({
          file: file.path,
          line: entry.line,
          snippet: snippetOf(entry.text),
          detail: 'runs at every interpreter start (.pth file)',
        });
      }
    }
    return collector.list();
  },
});
