/** setup.cfg: setuptools' declarative configuration, read with configparser semantics. */
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
import { addEntryPointLine } from './egg-info.ts';
import { type IniEntry, type IniSection, type IniValueLine, parseIni, section } from './ini.ts';

/** setuptools accepts `home-page` for `home_page` (with a warning), so both spellings are one key. */
export function optionKey(key: string): string {
  return key.toLowerCase().replace(/-/g, '_');
}

/** The option of a section under any of its spellings (`install-requires`, `Install_Requires` …). */
export function find(sectionValue: IniSection | undefined, ...keys: string[]): IniEntry | undefined {
  return sectionValue?.entries.find((e) => keys.includes(optionKey(e.key)));
}

/** `attr:` and `file:` values point at code or files; they are kept as written and never resolved. */
export function isDirective(value: string): boolean {
  return /^(attr|file)\s*:/.test(value);
}

/**
 * setuptools' list rule: a multi-line value is one item per line; a single-line value is split on the
 * separator (',' for most lists, ';' for requirement lists).
 */
export function listItems(entry: IniEntry, separator: string): IniValueLine[] {
  const multi = entry.lines.length > 1;
  const items: IniValueLine[] = [];
  for (const line of entry.lines) {
    const parts = multi ? [line.text] : line.text.split(separator);
    for (const part of parts) {
      const text = part.trim();
      if (text !== '') items.push({ text, line: line.line });
    }
  }
  return items;
}

export function setupCfgContribution(file: string, text: string): Contribution {
  const contribution = newContribution(file, 'setup.cfg');
  const document = parseIni(text);
  for (const message of document.errors) addError(contribution, message);
  const metadata = section(document, 'metadata');
  const options = section(document, 'options');

  const scalar = (sectionValue: IniSection | undefined, ...keys: string[]): Sourced<string> | undefined => {
    const entry = find(sectionValue, ...keys);
    if (!entry || entry.value === '') return undefined;
    return { value: entry.value, source: fieldSource(file, entry.key, entry.line) };
  };

  contribution.name = scalar(metadata, 'name');
  contribution.version = scalar(metadata, 'version');
  contribution.summary = scalar(metadata, 'description', 'summary');
  contribution.description = scalar(metadata, 'long_description');
  contribution.license = scalar(metadata, 'license_expression') ?? scalar(metadata, 'license');
  contribution.requiresPython = scalar(options, 'python_requires');
  contribution.authors.push(...combinePeople(scalar(metadata, 'author'), scalar(metadata, 'author_email')));
  contribution.maintainers.push(
    ...combinePeople(scalar(metadata, 'maintainer'), scalar(metadata, 'maintainer_email')),
  );

  const home = scalar(metadata, 'url', 'home_page');
  if (home) {
    contribution.homePage = home;
    contribution.urls.push({ label: home.source.field, url: home.value, source: home.source });
  }
  const download = scalar(metadata, 'download_url');
  if (download)
    contribution.urls.push({ label: download.source.field, url: download.value, source: download.source });
  const projectUrls = find(metadata, 'project_urls');
  if (projectUrls) {
    for (const item of listItems(projectUrls, ',')) {
      const eq = item.text.indexOf('=');
      if (eq <= 0) {
        addError(contribution, `project_urls line ${item.line}: expected "label = url"`);
        continue;
      }
      const url = item.text.slice(eq + 1).trim();
      if (url === '') continue;
      contribution.urls.push({
        label: item.text.slice(0, eq).trim(),
        url,
        source: fieldSource(file, projectUrls.key, item.line),
      });
    }
  }

  const requirements = (entry: IniEntry | undefined, kind: DependencyKind, group?: string): void => {
    if (!entry || isDirective(entry.value)) return;
    const field = group === undefined ? entry.key : `extras_require.${entry.key}`;
    for (const item of listItems(entry, ';')) {
      if (item.text.startsWith('#')) continue;
      addRequirementLine(contribution, item.text, kind, fieldSource(file, field, item.line), group);
    }
  };
  requirements(find(options, 'install_requires'), 'runtime');
  requirements(find(options, 'setup_requires'), 'build');
  requirements(find(options, 'tests_require'), 'dev');
  for (const entry of section(document, 'options.extras_require')?.entries ?? []) {
    requirements(entry, 'optional', entry.key);
  }

  for (const entry of section(document, 'options.entry_points')?.entries ?? []) {
    if (isDirective(entry.value)) continue;
    for (const item of listItems(entry, ',')) {
      addEntryPointLine(contribution, entry.key, item.text, `entry_points.${entry.key}`, item.line);
    }
  }

  const scripts = find(options, 'scripts');
  if (scripts && !isDirective(scripts.value)) {
    for (const item of listItems(scripts, ',')) {
      contribution.scripts.push({
        name: item.text.split('/').pop() ?? item.text,
        command: item.text,
        source: fieldSource(file, scripts.key, item.line),
      });
    }
  }
  return contribution;
}
