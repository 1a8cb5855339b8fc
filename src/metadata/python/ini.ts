/**
 * An INI reader with the semantics of Python's configparser (no interpolation), which is what
 * setuptools uses for setup.cfg and what entry_points.txt is written for. The npm ini parsers lose
 * multi-line values, and multi-line values are where requirements live.
 */
import { splitLines } from './decode.ts';

export interface IniValueLine {
  readonly text: string;
  readonly line: number;
}

export interface IniEntry {
  /** The key as written (configparser would lower-case it; compare with `lookup`). */
  readonly key: string;
  /** The value lines joined with '\n', trailing empty lines removed, as configparser returns it. */
  readonly value: string;
  /** Line of the key. */
  readonly line: number;
  /** Each stripped value line with its line number; the first one is the text after the separator. */
  readonly lines: readonly IniValueLine[];
}

export interface IniSection {
  readonly name: string;
  readonly line: number;
  readonly entries: readonly IniEntry[];
}

export interface IniDocument {
  readonly sections: readonly IniSection[];
  readonly errors: readonly string[];
}

interface MutableEntry {
  key: string;
  line: number;
  lines: IniValueLine[];
}

interface MutableSection {
  name: string;
  line: number;
  entries: MutableEntry[];
}

const MAX_ERRORS = 20;

/** `firstLine` is the number of the first line of `text` in its file (for an ini string inside setup.py). */
export function parseIni(text: string, firstLine = 1): IniDocument {
  const sections: MutableSection[] = [];
  const errors: string[] = [];
  const error = (message: string): void => {
    if (errors.length < MAX_ERRORS) errors.push(message);
  };
  let section: MutableSection | undefined;
  let option: MutableEntry | undefined;
  let indentLevel = 0;
  const lines = splitLines(text);
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] ?? '';
    const lineNumber = firstLine + index;
    const stripped = raw.trim();
    // Only whole-line comments: configparser's default has no inline comment prefixes.
    const isComment = stripped.startsWith('#') || stripped.startsWith(';');
    if (stripped === '' || isComment) {
      // An empty line inside a value is kept (empty_lines_in_values); a comment line is dropped.
      if (!isComment && option) option.lines.push({ text: '', line: lineNumber });
      continue;
    }
    const indent = raw.search(/\S/);
    if (section && option && indent > indentLevel) {
      option.lines.push({ text: stripped, line: lineNumber });
      continue;
    }
    indentLevel = indent;
    const header = /^\[(.+)\]/.exec(stripped);
    if (header) {
      const name = header[1] ?? '';
      const existing = sections.find((s) => s.name === name);
      if (existing) {
        error(`line ${lineNumber}: section [${name}] appears twice`);
        section = existing;
      } else {
        section = { name, line: lineNumber, entries: [] };
        sections.push(section);
      }
      option = undefined;
      continue;
    }
    if (!section) {
      error(`line ${lineNumber}: text before the first [section]`);
      continue;
    }
    const match = /^(.*?)\s*([=:])\s*(.*)$/.exec(stripped);
    const key = match?.[1]?.trimEnd() ?? '';
    if (!match || key === '') {
      error(`line ${lineNumber}: neither a section, an option nor a continuation`);
      option = undefined;
      continue;
    }
    const lower = key.toLowerCase();
    const previous = section.entries.findIndex((e) => e.key.toLowerCase() === lower);
    if (previous >= 0) {
      error(`line ${lineNumber}: option ${key} appears twice in [${section.name}]`);
      section.entries.splice(previous, 1);
    }
    option = { key, line: lineNumber, lines: [{ text: (match[3] ?? '').trim(), line: lineNumber }] };
    section.entries.push(option);
  }
  return {
    sections: sections.map((s) => ({
      name: s.name,
      line: s.line,
      entries: s.entries.map((e) => {
        const kept = [...e.lines];
        while (kept.length > 1 && kept[kept.length - 1]?.text === '') kept.pop();
        return { key: e.key, line: e.line, lines: kept, value: kept.map((l) => l.text).join('\n') };
      }),
    })),
    errors,
  };
}

/** Finds a section by exact name (configparser section names are case-sensitive). */
export function section(document: IniDocument, name: string): IniSection | undefined {
  return document.sections.find((s) => s.name === name);
}

/** Finds an option case-insensitively, as configparser's default optionxform does. */
export function lookup(sectionValue: IniSection | undefined, key: string): IniEntry | undefined {
  const lower = key.toLowerCase();
  return sectionValue?.entries.find((e) => e.key.toLowerCase() === lower);
}
