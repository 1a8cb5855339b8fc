import { defineBehavior } from '../../catalog/define.ts';
import { jsSources } from '../lib/javascript.ts';
import { OccurrenceCollector } from '../lib/occurrence.ts';

export const requiresDynamicModule = defineBehavior({
  id: 'requires-dynamic-module',
  category: 'execution',
  ecosystems: ['npm'],
  title: 'Loads a module whose name is computed at run time.',
  description:
    'Finds require() and import() with an argument that is not a plain string literal, and module loading ' +
    'through Node internals (module.constructor._load, process.mainModule.require, createRequire). When the ' +
    'name can be folded (concatenation, base64) it is shown.',
  problem:
    'A computed require hides which code is loaded: plugin loaders do it for good reasons, and malware does it ' +
    "so that 'child_process' or 'http' never appears as a literal a reviewer or scanner would see.",
  nextSteps: ['Work out which module names the argument can take; a folded built-in name is a red flag.'],
  severity: 'info',
  references: { mitreAttack: ['T1027'], cwe: ['CWE-829'] },
  detect: (context) => {
    const collector = new OccurrenceCollector();
    for (const source of jsSources(context)) {
      for (const fact of source.imports) {
        if (collector.full) return collector.list();
        if (!fact.dynamic) continue;
        const named = /^[\w@./:-]+$/.test(fact.module) && fact.module !== '';
        collector.add({
          file: fact.file,
          line: fact.line,
          column: fact.column,
          snippet: fact.snippet,
          detail: named
            ? `loads '${fact.module}' by a computed name or through module internals`
            : 'loads a module by a computed name',
        });
      }
    }
    return collector.list();
  },
});
