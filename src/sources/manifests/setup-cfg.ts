/**
 * setup.cfg as a project manifest: its requirement lists, read by the same configparser-semantics reader
 * (src/metadata/python/ini.ts) and the same setuptools list rules (src/metadata/python/setup-cfg.ts) as the
 * package metadata of an sdist, so a project and its published package read one file the same way.
 */
import { type IniEntry, parseIni, section } from '../../metadata/python/ini.ts';
import { find, listItems, optionKey } from '../../metadata/python/setup-cfg.ts';
import { pep508Component } from './requirement.ts';
import type { Component, ParsedFile } from './types.ts';
import { isDevGroupName } from './util.ts';

export function parseSetupCfg(file: string, text: string): ParsedFile {
  const document = parseIni(text);
  const components: Component[] = [];
  const notes: string[] = [];
  const add = (entry: IniEntry | undefined, dev: boolean): void => {
    if (entry === undefined) return;
    if (entry.value.startsWith('file:')) {
      notes.push(`${file}:${entry.line}: requirements read from another file (${entry.value}), not followed`);
      return;
    }
    for (const { text: item, line } of listItems(entry, ';')) {
      const component = pep508Component(item, file, line, dev);
      if (component === null) {
        notes.push(`${file}:${line}: requirement not understood: ${item.slice(0, 120)}`);
        continue;
      }
      components.push(component);
    }
  };
  const options = section(document, 'options');
  add(find(options, 'install_requires'), false);
  add(find(options, 'tests_require'), true);
  for (const entry of section(document, 'options.extras_require')?.entries ?? [])
    add(entry, isDevGroupName(optionKey(entry.key)));
  return { components, notes };
}
