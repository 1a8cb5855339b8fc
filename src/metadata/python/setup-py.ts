/**
 * setup.py, read statically and never run: the keyword arguments of the `setup(...)` call that are
 * literals, or names bound once at module level to literals. A value computed at run time (a function
 * call, a file read, a comprehension) records nothing: guessing it would make evidence up.
 */
import type { Node, Parser } from 'web-tree-sitter';
import { WorkCounter } from '../../core/budget.ts';
import type { DependencyKind } from '../types.ts';
import {
  addError,
  addRequirementLine,
  type Contribution,
  combinePeople,
  fieldSource,
  newContribution,
  type Sourced,
} from './contribution.ts';
import { addEntryPointLine, readEntryPointsIni } from './egg-info.ts';
import { SIMPLE_ESCAPES } from './string-escapes.ts';

type PyValue =
  | { readonly kind: 'str'; readonly value: string }
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'constant'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly Located[] }
  | { readonly kind: 'dict'; readonly entries: readonly { readonly key: string; readonly value: Located }[] }
  /** A name or dotted name that is not a known literal: kept only for cmdclass handlers. */
  | { readonly kind: 'reference'; readonly text: string };

interface Located {
  readonly value: PyValue;
  /** 1-based line of the expression. */
  readonly line: number;
}

export interface SetupPyOptions {
  /**
   * Stop parsing after this many tree-sitter progress steps (a hostile file can be slow to parse). Work,
   * not time, so a busy machine reads the same metadata (see src/core/budget.ts).
   */
  readonly parseSteps: number;
}

const MAX_DEPTH = 12;
const MAX_ITEMS = 5000;
const MAX_SETUP_CALLS = 4;

/** Python str escapes; an unknown escape stays as written, as Python keeps it. */
function decodeEscapes(body: string): string {
  return body.replace(
    /\\(\r\n|\n|\r|[\\'"abfnrtv]|[0-7]{1,3}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\})/g,
    (whole, sequence: string) => {
      if (sequence === '\n' || sequence === '\r\n' || sequence === '\r') return '';
      const mapped = SIMPLE_ESCAPES[sequence];
      if (mapped !== undefined) return mapped;
      if (/^[0-7]/.test(sequence)) return String.fromCodePoint(Number.parseInt(sequence, 8));
      if (/^[xuU]/.test(sequence)) {
        const code = Number.parseInt(sequence.slice(1), 16);
        return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return whole;
    },
  );
}

/** The value of a str literal, or undefined for bytes and for f-strings that interpolate. */
function stringValue(node: Node): string | undefined {
  const start = node.namedChildren.find((c) => c.type === 'string_start')?.text ?? '';
  const prefix = start.replace(/['"]+$/, '').toLowerCase();
  if (prefix.includes('b')) return undefined;
  if (node.namedChildren.some((c) => c.type === 'interpolation')) return undefined;
  let result = '';
  for (const child of node.namedChildren) {
    if (child.type !== 'string_content') continue;
    let piece = prefix.includes('r') ? child.text : decodeEscapes(child.text);
    if (prefix.includes('f')) piece = piece.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
    result += piece;
  }
  return result;
}

class Evaluator {
  constructor(private readonly constants: ReadonlyMap<string, Node>) {}

  evaluate(node: Node | null, depth = 0): Located | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    const line = node.startPosition.row + 1;
    const value = this.value(node, depth);
    return value === undefined ? undefined : { value, line };
  }

  private value(node: Node, depth: number): PyValue | undefined {
    switch (node.type) {
      case 'string': {
        const value = stringValue(node);
        return value === undefined ? undefined : { kind: 'str', value };
      }
      case 'concatenated_string': {
        let joined = '';
        for (const part of node.namedChildren) {
          const value = part.type === 'string' ? stringValue(part) : undefined;
          if (value === undefined) return undefined;
          joined += value;
        }
        return { kind: 'str', value: joined };
      }
      case 'integer':
      case 'float':
        return { kind: 'number', text: node.text };
      case 'true':
      case 'false':
      case 'none':
        return { kind: 'constant', text: node.text };
      case 'parenthesized_expression':
        return this.evaluate(node.namedChildren[0] ?? null, depth + 1)?.value;
      case 'list':
      case 'tuple':
      case 'set': {
        // Items that are not literals are left out; the literal ones are still what the file declares.
        const items: Located[] = [];
        for (const child of node.namedChildren.slice(0, MAX_ITEMS)) {
          const item = this.evaluate(child, depth + 1);
          if (item && item.value.kind !== 'reference') items.push(item);
        }
        return { kind: 'list', items };
      }
      case 'dictionary': {
        const entries: { key: string; value: Located }[] = [];
        for (const pair of node.namedChildren.slice(0, MAX_ITEMS)) {
          if (pair.type !== 'pair') continue;
          const key = this.evaluate(pair.childForFieldName('key'), depth + 1);
          const value = this.evaluate(pair.childForFieldName('value'), depth + 1);
          if (key?.value.kind === 'str' && value) entries.push({ key: key.value.value, value });
        }
        return { kind: 'dict', entries };
      }
      case 'call': {
        // `dict(install=PostInstall)` is as literal as `{'install': PostInstall}`.
        if (node.childForFieldName('function')?.text !== 'dict') return undefined;
        const args = node.childForFieldName('arguments');
        if (!args || args.namedChildren.some((a) => a.type !== 'keyword_argument')) return undefined;
        return {
          kind: 'dict',
          entries: this.keywords(args, depth + 1).map((k) => ({ key: k.name, value: k.value })),
        };
      }
      case 'binary_operator': {
        // `BASE_REQUIRES + ['extra']`: concatenation of two literal lists or two literal strings.
        if (node.childForFieldName('operator')?.text !== '+') return undefined;
        const left = this.evaluate(node.childForFieldName('left'), depth + 1)?.value;
        const right = this.evaluate(node.childForFieldName('right'), depth + 1)?.value;
        if (left?.kind === 'str' && right?.kind === 'str')
          return { kind: 'str', value: left.value + right.value };
        if (left?.kind === 'list' && right?.kind === 'list')
          return { kind: 'list', items: [...left.items, ...right.items] };
        return undefined;
      }
      case 'identifier': {
        const bound = this.constants.get(node.text);
        const resolved = bound ? this.evaluate(bound, depth + 1)?.value : undefined;
        return resolved ?? { kind: 'reference', text: node.text };
      }
      case 'attribute':
        return { kind: 'reference', text: node.text };
      default:
        return undefined;
    }
  }

  /** Keyword arguments of a call, with `**NAME` expanded when NAME is bound to a literal dict. */
  keywords(args: Node, depth = 0): { name: string; value: Located; line: number }[] {
    const out: { name: string; value: Located; line: number }[] = [];
    for (const arg of args.namedChildren) {
      if (arg.type === 'keyword_argument') {
        const name = arg.childForFieldName('name')?.text;
        const value = this.evaluate(arg.childForFieldName('value'), depth + 1);
        if (name && value) out.push({ name, value, line: arg.startPosition.row + 1 });
      } else if (arg.type === 'dictionary_splat') {
        const spread = this.evaluate(arg.namedChildren[0] ?? null, depth + 1);
        if (spread?.value.kind !== 'dict') continue;
        for (const entry of spread.value.entries)
          out.push({ name: entry.key, value: entry.value, line: entry.value.line });
      }
    }
    return out;
  }
}

/**
 * Names assigned exactly once at module level. A name assigned twice (or augmented with `+=`) has no
 * single static value, so it is not resolved.
 */
function moduleConstants(root: Node): Map<string, Node> {
  const seen = new Map<string, Node | null>();
  for (const statement of root.namedChildren) {
    if (statement.type !== 'expression_statement') continue;
    for (const expression of statement.namedChildren) {
      if (expression.type !== 'assignment' && expression.type !== 'augmented_assignment') continue;
      const left = expression.childForFieldName('left');
      const right = expression.childForFieldName('right');
      if (left?.type !== 'identifier') continue;
      const single = expression.type === 'assignment' && right !== null && !seen.has(left.text);
      seen.set(left.text, single ? right : null);
    }
  }
  const constants = new Map<string, Node>();
  for (const [name, node] of seen) if (node) constants.set(name, node);
  return constants;
}

/** Local names under which `setup` (or the module providing it) was imported. */
function setupAliases(root: Node): { functions: Set<string>; modules: Set<string> } {
  const functions = new Set(['setup']);
  const modules = new Set(['setuptools', 'distutils.core']);
  for (const statement of root.descendantsOfType(['import_from_statement', 'import_statement'])) {
    for (const child of statement.namedChildren) {
      if (child.type !== 'aliased_import') continue;
      const name = child.childForFieldName('name')?.text;
      const alias = child.childForFieldName('alias')?.text;
      if (!name || !alias) continue;
      if (statement.type === 'import_from_statement' && name === 'setup') functions.add(alias);
      if (statement.type === 'import_statement' && (name === 'setuptools' || name === 'distutils.core'))
        modules.add(alias);
    }
  }
  return { functions, modules };
}

function isSetupCall(call: Node, aliases: { functions: Set<string>; modules: Set<string> }): boolean {
  const fn = call.childForFieldName('function');
  if (!fn) return false;
  if (fn.type === 'identifier') return aliases.functions.has(fn.text);
  if (fn.type !== 'attribute') return false;
  const object = fn.childForFieldName('object')?.text;
  return (
    fn.childForFieldName('attribute')?.text === 'setup' && object !== undefined && aliases.modules.has(object)
  );
}

function str(value: PyValue): string | undefined {
  if (value.kind === 'str') return value.value.trim() === '' ? undefined : value.value.trim();
  // `version=1.0` is a float literal in the file; its text is the version the author meant.
  if (value.kind === 'number') return value.text;
  return undefined;
}

/** A requirement list may also be a single string with one requirement per line. */
function requirementItems(located: Located): { text: string; line: number }[] {
  const { value } = located;
  if (value.kind === 'str') {
    return value.value.split(/\r?\n/).map((text, index) => ({ text, line: located.line + index }));
  }
  if (value.kind !== 'list') return [];
  return value.items.flatMap((item) =>
    item.value.kind === 'str' ? [{ text: item.value.value, line: item.line }] : [],
  );
}

export function readSetupPy(
  file: string,
  source: string,
  parser: Parser,
  options: SetupPyOptions,
): Contribution {
  const contribution = newContribution(file, 'setup.py');
  const steps = new WorkCounter(options.parseSteps);
  let timedOut = false;
  let tree: ReturnType<Parser['parse']>;
  try {
    tree = parser.parse(source, null, {
      progressCallback: () => {
        if (steps.spend()) timedOut = true;
        return timedOut;
      },
    });
  } catch (error) {
    addError(
      contribution,
      `the Python parser failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return contribution;
  }
  if (!tree) {
    addError(
      contribution,
      timedOut
        ? `parsing passed its budget of ${options.parseSteps} steps`
        : 'the Python parser gave no tree',
    );
    parser.reset();
    return contribution;
  }
  try {
    const root = tree.rootNode;
    if (root.hasError) {
      const bad = root.descendantsOfType('ERROR')[0];
      const line = bad ? ` near line ${bad.startPosition.row + 1}` : '';
      addError(contribution, `syntax error${line}; only the readable parts were used`);
    }
    const evaluator = new Evaluator(moduleConstants(root));
    const aliases = setupAliases(root);
    const calls = root.descendantsOfType('call').filter((call) => isSetupCall(call, aliases));
    if (calls.length === 0) addError(contribution, 'no setup() call found');
    for (const call of calls.slice(0, MAX_SETUP_CALLS)) {
      const args = call.childForFieldName('arguments');
      if (args) readKeywords(contribution, evaluator.keywords(args));
    }
  } finally {
    tree.delete();
  }
  return contribution;
}

function readKeywords(
  contribution: Contribution,
  keywords: { name: string; value: Located; line: number }[],
): void {
  const file = contribution.file;
  const byName = new Map<string, { value: Located; line: number }>();
  for (const keyword of keywords) if (!byName.has(keyword.name)) byName.set(keyword.name, keyword);
  const scalar = (name: string): Sourced<string> | undefined => {
    const keyword = byName.get(name);
    const value = keyword ? str(keyword.value.value) : undefined;
    return value === undefined || !keyword
      ? undefined
      : { value, source: fieldSource(file, name, keyword.line) };
  };

  contribution.name ??= scalar('name');
  contribution.version ??= scalar('version');
  contribution.summary ??= scalar('description');
  contribution.description ??= scalar('long_description');
  contribution.license ??= scalar('license');
  contribution.requiresPython ??= scalar('python_requires');
  contribution.authors.push(...combinePeople(scalar('author'), scalar('author_email')));
  contribution.maintainers.push(...combinePeople(scalar('maintainer'), scalar('maintainer_email')));

  const home = scalar('url');
  if (home) {
    contribution.homePage ??= home;
    contribution.urls.push({ label: 'url', url: home.value, source: home.source });
  }
  const download = scalar('download_url');
  if (download)
    contribution.urls.push({ label: 'download_url', url: download.value, source: download.source });
  const projectUrls = byName.get('project_urls')?.value.value;
  if (projectUrls?.kind === 'dict') {
    for (const entry of projectUrls.entries) {
      const url = str(entry.value.value);
      if (url)
        contribution.urls.push({
          label: entry.key,
          url,
          source: fieldSource(file, 'project_urls', entry.value.line),
        });
    }
  }

  const requirements = (name: string, kind: DependencyKind): void => {
    const keyword = byName.get(name);
    if (!keyword) return;
    for (const item of requirementItems(keyword.value)) {
      addRequirementLine(contribution, item.text, kind, fieldSource(file, name, item.line));
    }
  };
  requirements('install_requires', 'runtime');
  requirements('setup_requires', 'build');
  requirements('tests_require', 'dev');
  const extras = byName.get('extras_require')?.value.value;
  if (extras?.kind === 'dict') {
    for (const entry of extras.entries) {
      for (const item of requirementItems(entry.value)) {
        // A key `extra:marker` attaches a marker to the whole extra, as in requires.txt.
        const colon = entry.key.indexOf(':');
        const group = (colon >= 0 ? entry.key.slice(0, colon) : entry.key).trim();
        const marker = colon >= 0 ? entry.key.slice(colon + 1).trim() : '';
        const line = marker !== '' && !item.text.includes(';') ? `${item.text}; ${marker}` : item.text;
        const source = fieldSource(file, 'extras_require', item.line);
        if (group === '') addRequirementLine(contribution, line, 'runtime', source);
        else addRequirementLine(contribution, line, 'optional', source, group);
      }
    }
  }

  const entryPoints = byName.get('entry_points');
  if (entryPoints?.value.value.kind === 'str') {
    readEntryPointsIni(contribution, entryPoints.value.value.value, 'entry_points', entryPoints.value.line);
  } else if (entryPoints?.value.value.kind === 'dict') {
    for (const entry of entryPoints.value.value.entries) {
      for (const item of requirementItems(entry.value)) {
        addEntryPointLine(contribution, entry.key, item.text, 'entry_points', item.line);
      }
    }
  }

  const cmdclass = byName.get('cmdclass')?.value.value;
  if (cmdclass?.kind === 'dict') {
    for (const entry of cmdclass.entries) {
      // The handler is the class the command is replaced with; only its name is recorded.
      const handler = entry.value.value.kind === 'reference' ? entry.value.value.text : undefined;
      if (handler === undefined) continue;
      contribution.commandOverrides.push({
        command: entry.key,
        handler,
        source: fieldSource(file, 'cmdclass', entry.value.line),
      });
    }
  }

  const scripts = byName.get('scripts');
  if (scripts?.value.value.kind === 'list') {
    for (const item of scripts.value.value.items) {
      if (item.value.kind !== 'str' || item.value.value.trim() === '') continue;
      const command = item.value.value.trim();
      contribution.scripts.push({
        name: command.split('/').pop() ?? command,
        command,
        source: fieldSource(file, 'scripts', item.line),
      });
    }
  }
}
