import { pep508Component } from './requirement.ts';
import type { Component, ParsedFile } from './types.ts';
import { isDevGroupName } from './util.ts';

interface CfgValue {
  readonly value: string;
  /** Line of each entry of a multi-line value (index 0 is the `key =` line). */
  readonly lines: number[];
}

/**
 * A small reader with Python configparser semantics as setuptools uses them: `key = value` or
 * `key: value`, continuation by indentation, whole-line `#` / `;` comments, case-insensitive keys.
 * The ini and configparser npm packages lose multi-line values (see STACK.md §6).
 */
export function readSetupCfg(text: string): Map<string, Map<string, CfgValue>> {
  const sections = new Map<string, Map<string, CfgValue>>();
  let section: Map<string, CfgValue> | undefined;
  let key: string | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]\s*$/.exec(raw);
    if (header !== null) {
      const name = (header[1] ?? '').trim().toLowerCase();
      section = sections.get(name) ?? new Map();
      sections.set(name, section);
      key = undefined;
      continue;
    }
    if (section === undefined) continue;
    if (/^\s/.test(raw) && key !== undefined) {
      const prev = section.get(key);
      if (prev !== undefined)
        section.set(key, { value: `${prev.value}\n${trimmed}`, lines: [...prev.lines, i + 1] });
      continue;
    }
    const kv = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(raw);
    if (kv === null) continue;
    key = (kv[1] ?? '').trim().toLowerCase().replace(/-/g, '_');
    section.set(key, { value: (kv[2] ?? '').trim(), lines: [i + 1] });
  }
  return sections;
}

/** setuptools' list-semi: one per line when multi-line, otherwise `;`-separated. */
function entries(v: CfgValue): { text: string; line: number }[] {
  const parts = v.value.split('\n');
  if (parts.length === 1) {
    return (parts[0] ?? '')
      .split(';')
      .map((t) => t.trim())
      .filter((t) => t !== '')
      .map((text) => ({ text, line: v.lines[0] ?? 1 }));
  }
  return parts
    .map((text, i) => ({ text: text.trim(), line: v.lines[i] ?? v.lines[0] ?? 1 }))
    .filter((e) => e.text !== '');
}

export function parseSetupCfg(file: string, text: string): ParsedFile {
  const cfg = readSetupCfg(text);
  const components: Component[] = [];
  const notes: string[] = [];
  const add = (v: CfgValue | undefined, dev: boolean): void => {
    if (v === undefined) return;
    if (v.value.startsWith('file:')) {
      notes.push(`${file}:${v.lines[0]}: requirements read from another file (${v.value}), not followed`);
      return;
    }
    for (const { text: entry, line } of entries(v)) {
      const component = pep508Component(entry, file, line, dev);
      if (component === null) {
        notes.push(`${file}:${line}: requirement not understood: ${entry.slice(0, 120)}`);
        continue;
      }
      components.push(component);
    }
  };
  const options = cfg.get('options');
  add(options?.get('install_requires'), false);
  add(options?.get('tests_require'), true);
  for (const [group, v] of cfg.get('options.extras_require') ?? []) add(v, isDevGroupName(group));
  return { components, notes };
}
