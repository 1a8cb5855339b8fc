/**
 * Which analyzer reads which file. Each language maps to a loader of its analyzer module, so the
 * pool stays language-agnostic: the JavaScript analyzer plugs in by adding an entry here, and
 * worker threads load only the analyzers their files need.
 */
import type { WorkLimits } from '../../core/budget.ts';
import type { AnalysisProblem, SourceFacts, SourceLanguage } from '../types.ts';

export interface AnalyzeOptions {
  /** Work budgets per file (parse steps, nodes walked, token steps): work, never wall-clock time. */
  readonly work?: Partial<WorkLimits>;
  /** Bytes read per file; the rest is ignored and the facts are marked partial. */
  readonly maxBytes?: number;
}

export interface LanguageAnalyzer {
  /** Loads parsers; called once per thread before the first file. */
  init(): Promise<void>;
  /** Synchronous, and never throws for a bad file: problems are data. */
  analyze(
    file: string,
    bytes: Buffer,
    options: AnalyzeOptions,
  ): { readonly facts: SourceFacts; readonly problems: readonly AnalysisProblem[] };
}

export interface LanguageEntry {
  readonly language: SourceLanguage;
  /** Lower-case extensions with the dot. */
  readonly extensions: readonly string[];
  /** Matched against the first line when it starts with '#!'. */
  readonly shebang?: RegExp;
  readonly load: () => Promise<LanguageAnalyzer>;
}

export const LANGUAGES: readonly LanguageEntry[] = [
  {
    language: 'python',
    extensions: ['.py', '.pyw', '.pyi'],
    shebang: /\bpython[0-9.]*\b/,
    load: async () => {
      const python = await import('../python/analyze.ts');
      return { init: python.initPythonParser, analyze: python.analyzePythonSourceDetailed };
    },
  },
  {
    language: 'javascript',
    extensions: ['.js', '.cjs', '.mjs', '.jsx'],
    shebang: /\b(?:node|nodejs|deno|bun)\b/,
    load: async () => {
      const javascript = await import('../javascript/analyze.ts');
      return {
        init: () => javascript.initJavaScriptParser(['javascript']),
        analyze: javascript.analyzeJavaScriptSourceDetailed,
      };
    },
  },
  {
    // Declaration files (.d.ts) are recognised by the analyzer and skipped: they hold types, not code.
    language: 'typescript',
    extensions: ['.ts', '.cts', '.mts', '.tsx'],
    load: async () => {
      const javascript = await import('../javascript/analyze.ts');
      return {
        init: () => javascript.initJavaScriptParser(['typescript', 'tsx']),
        analyze: javascript.analyzeJavaScriptSourceDetailed,
      };
    },
  },
];

/** The language of a package file, from its extension or a `#!` line; undefined when none applies. */
export function detectLanguage(path: string, data: Uint8Array): SourceLanguage | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot) : '';
  for (const entry of LANGUAGES) {
    if (extension !== '' && entry.extensions.includes(extension)) return entry.language;
  }
  // Scripts without an extension (bin/tool) announce their interpreter on the first line.
  if (data.length > 2 && data[0] === 0x23 && data[1] === 0x21) {
    const head = Buffer.from(data.subarray(0, 256)).toString('latin1');
    const firstLine = head.split(/\r?\n/, 1)[0] ?? '';
    for (const entry of LANGUAGES) {
      if (entry.shebang?.test(firstLine)) return entry.language;
    }
  }
  return undefined;
}

const loaded = new Map<SourceLanguage, Promise<LanguageAnalyzer>>();

/** The analyzer for a language, loaded and initialised once per thread. */
export function analyzerFor(language: SourceLanguage): Promise<LanguageAnalyzer> | undefined {
  const existing = loaded.get(language);
  if (existing !== undefined) return existing;
  const entry = LANGUAGES.find((e) => e.language === language);
  if (entry === undefined) return undefined;
  const promise = entry.load().then(async (analyzer) => {
    await analyzer.init();
    return analyzer;
  });
  // A failed load is retried next time rather than cached.
  promise.catch(() => loaded.delete(language));
  loaded.set(language, promise);
  return promise;
}
