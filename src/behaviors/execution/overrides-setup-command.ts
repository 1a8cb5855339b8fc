import { defineBehavior } from '../../catalog/define.ts';
import { classifyLocation } from '../../catalog/lib/location.ts';
import type { Occurrence } from '../../catalog/types.ts';
import { pythonSources } from '../lib/match.ts';
import { OccurrenceCollector } from '../lib/occurrence.ts';

/** setuptools / distutils commands whose replacement runs during `pip install` of an sdist. */
const COMMAND_MODULE =
  /^(setuptools|distutils)\.command\.(install\w*|develop|egg_info|build\w*|bdist\w*|sdist|easy_install)$/;

export const overridesSetupCommand = defineBehavior({
  id: 'overrides-setup-command',
  category: 'execution',
  ecosystems: ['pypi'],
  title: 'Replaces a setuptools command with its own code.',
  description:
    'Reads the cmdclass overrides of setup() found in the metadata (install, develop, egg_info, build …), and, ' +
    'when the metadata reader saw none, the imports of setuptools or distutils command classes in setup.py.',
  problem:
    "A cmdclass override swaps pip's own install steps for code the package chose. Compiled extensions use it " +
    'to tune the build; malicious packages use an install override to run a payload the moment the package is ' +
    'installed, often while the real install goes on as normal.',
  nextSteps: [
    'Open the class named in cmdclass and read its run() method.',
    'Be wary of an install or develop override that does anything besides calling the parent command.',
  ],
  severity: 'low',
  references: { mitreAttack: ['T1195.002'], guarddog: ['cmd-overwrite'] },
  detect: (context) => {
    const collector = new OccurrenceCollector();
    for (const override of context.snapshot.metadata.commandOverrides) {
      const occurrence: Occurrence = {
        file: override.source.file,
        snippet: `cmdclass['${override.command}'] = ${override.handler}`,
        detail: `replaces the '${override.command}' command with ${override.handler}`,
        ...(override.source.line !== undefined
          ? { line: override.source.line }
          : { field: override.source.field }),
      };
      collector.add(occurrence);
    }
    if (collector.list().length > 0) return collector.list();
    for (const source of pythonSources(context)) {
      if (classifyLocation(source.file) !== 'setup-script') continue;
      for (const fact of source.imports) {
        if (!COMMAND_MODULE.test(fact.module)) continue;
        collector.add({
          file: fact.file,
          line: fact.line,
          column: fact.column,
          snippet: fact.snippet,
          detail: `imports the ${fact.module} command class to replace it`,
        });
      }
    }
    return collector.list();
  },
});
