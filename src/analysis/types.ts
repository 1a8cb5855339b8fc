/**
 * Facts about a package's files. Facts say what the code contains (a call to os.system at 12:5),
 * never whether that is bad: judging is the job of behaviors and policies.
 * Lines and columns are 1-based.
 */

export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** A value as far as it can be known without running anything. */
export type StaticValue =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'bytes'; readonly value: string }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'none' }
  /** A name or attribute path, resolved through imports where possible ('os.environ'). */
  | { readonly kind: 'ref'; readonly name: string }
  /** The result of a call; `callee` resolved like CallFact.callee. */
  | { readonly kind: 'call'; readonly callee: string; readonly text: string }
  /** Anything else; `folded` holds the string it evaluates to when that is known statically ('o' + 's'). */
  | { readonly kind: 'expr'; readonly text: string; readonly folded?: string };

export interface ImportFact extends SourceLocation {
  /** Module imported: 'os', 'os.path', 'child_process'. */
  readonly module: string;
  /** Imported member for `from m import n` / destructuring: 'system'. */
  readonly member?: string;
  /** Local name it is bound to. */
  readonly alias?: string;
  /** `__import__(x)`, `importlib.import_module(x)`, `require(x)` with computed x. */
  readonly dynamic: boolean;
  readonly snippet: string;
}

export type CodeScope = 'module' | 'function' | 'class';

export interface CallFact extends SourceLocation {
  /**
   * The callee resolved through imports and aliases to its real API: 'os.system',
   * 'subprocess.Popen', 'builtins.exec', 'pathlib.Path.rename' (methods on a known type),
   * 'child_process.exec'. When it cannot be resolved, the dotted source text ('self.run').
   * Method calls on unknown receivers are '*.name' ('*.rename').
   */
  readonly callee: string;
  readonly resolved: boolean;
  readonly args: readonly StaticValue[];
  readonly keywords: readonly { readonly name: string; readonly value: StaticValue }[];
  /** The source line (trimmed, at most 200 characters). */
  readonly snippet: string;
  readonly scope: CodeScope;
}

export interface StringFact extends SourceLocation {
  readonly value: string;
  /** A docstring or a comment-like string is not code. */
  readonly docstring: boolean;
}

/**
 * Shapes in the code that are not calls: concatenation, formatting, obfuscation markers.
 * Analyzers may add kinds; behaviors key on them.
 */
export type ConstructKind =
  | 'string-concat'
  | 'string-augmented-concat'
  | 'fstring'
  | 'percent-format'
  | 'str-join'
  /** Python: text built from chr() calls (a concatenation or a join over character codes); size = how many. */
  | 'chr-chain'
  | 'long-line'
  /** JavaScript: a loop at module level with no condition that can end it and no break, return or throw. */
  | 'endless-loop'
  | 'high-entropy-string'
  /** Python: a runtime packer's marker in the text (PyArmor); detail = 'pyarmor: <marker>'. */
  | 'packer-stub'
  /**
   * Python: the calls whose result exec / eval runs, outermost first; detail = 'marshal.loads <- zlib.decompress'.
   * Behaviors tell a packer's stub from it.
   */
  | 'exec-chain'
  | 'attribute-write'
  | 'global-code'
  /** JavaScript: javascript-obfuscator shapes (_0x names, rotated string table, \x escapes), not minification. */
  | 'obfuscator-output'
  /**
   * A value read from the machine reaches a call that leaves the process; detail =
   * 'host-name+env -> network:https.request' (labels and sinks in src/analysis/javascript/flow.ts, and for
   * Python, names assigned from a source in src/analysis/python/flow.ts).
   */
  | 'data-flow'
  /**
   * JavaScript: half of a flow that crosses the package's own modules — a flow whose value or sink is a
   * function of a relative module (`?./lib.grab -> network:https.request`), or what a named function
   * returns / where its parameter goes (`fn grab returns credential-file`). Joined per package into
   * `data-flow` facts by src/analysis/javascript/module-flow.ts.
   */
  | 'flow-link'
  /** JavaScript: a read of a watched property, detail = resolved name ('process.env.NPM_TOKEN', 'process.platform'). */
  | 'member-read';

export interface ConstructFact extends SourceLocation {
  readonly kind: ConstructKind;
  readonly snippet: string;
  readonly detail?: string;
  /** A count the kind defines (the chr() calls of a chr-chain); behaviors set the thresholds. */
  readonly size?: number;
}

export interface AnalysisProblem {
  readonly file: string;
  /**
   * timeout: a work budget ran out; too-large: bytes of the file were not read; analyzer-crash: the file
   * was not analyzed. These three leave code unread, so the scan is incomplete. parse-error and
   * decode-error: the whole file was read (broken code does not run); capped: every byte was read but
   * not every fact was kept.
   */
  readonly kind: 'parse-error' | 'timeout' | 'decode-error' | 'too-large' | 'analyzer-crash' | 'capped';
  readonly message: string;
  readonly line?: number;
}

export type SourceLanguage = 'python' | 'javascript' | 'typescript';

export interface SourceFacts {
  readonly file: string;
  readonly language: SourceLanguage;
  readonly imports: readonly ImportFact[];
  readonly calls: readonly CallFact[];
  readonly strings: readonly StringFact[];
  readonly constructs: readonly ConstructFact[];
  /** The tree had error nodes, or the time budget ran out: facts are what could be read. */
  readonly partial: boolean;
}

export interface UrlFact extends SourceLocation {
  readonly url: string;
  readonly scheme: string;
  readonly host: string;
  /** Explicit port when one is written. */
  readonly port?: number;
  /** How the URL was found: plain text, or decoded from base64 / hex. */
  readonly encoding: 'plain' | 'base64' | 'hex';
  readonly snippet: string;
}

export type EmbeddedKind =
  | 'elf'
  | 'pe'
  | 'mach-o'
  | 'java-class'
  | 'zip'
  | 'gzip'
  | 'bzip2'
  | 'xz'
  | '7z'
  | 'rar'
  | 'tar'
  | 'pyc'
  | 'wasm'
  | 'shell-script'
  | 'batch-script'
  | 'powershell-script';

export interface EmbeddedFileFact {
  readonly file: string;
  readonly kind: EmbeddedKind;
  /** The extension the file carries, to see a disguise ('.png' holding an ELF). */
  readonly extension: string;
  readonly detail: string;
}

export interface PackageFacts {
  readonly sources: readonly SourceFacts[];
  readonly urls: readonly UrlFact[];
  readonly embedded: readonly EmbeddedFileFact[];
  readonly problems: readonly AnalysisProblem[];
  /** Set when the scan's work budget ran out: source files after that point were not analyzed. */
  readonly workBudget?: ScanWorkBudgetHit;
}

export interface ScanWorkBudgetHit {
  /** The budget, in bytes of distinct source (WorkLimits.scanSourceBytes). */
  readonly max: number;
  /** Bytes of distinct source the package holds. */
  readonly observed: number;
  /** Source files (distinct contents) left unanalyzed. */
  readonly skippedFiles: number;
}
