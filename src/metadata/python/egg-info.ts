/** The side files of egg-info and dist-info folders: requires.txt, entry_points.txt, top_level.txt. */
import { canonicalMarker, parseRequirement } from '../pep508.ts';
import {
  addDependency,
  addError,
  type Contribution,
  fieldSource,
  splitEntryPoint,
  truncate,
} from './contribution.ts';
import { splitLines } from './decode.ts';
import { parseIni } from './ini.ts';

/**
 * requires.txt: plain requirements first, then `[extra]`, `[extra:marker]` or `[:marker]` sections.
 * setuptools writes markers into the section header instead of onto each line.
 */
export function readRequiresTxt(contribution: Contribution, text: string): void {
  let group: string | undefined;
  let sectionMarker: string | undefined;
  let sectionMarkerKey = '';
  const lines = splitLines(text);
  for (let index = 0; index < lines.length; index++) {
    const line = (lines[index] ?? '').trim();
    const lineNumber = index + 1;
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[(.*)\]$/.exec(line);
    if (header) {
      const inner = header[1] ?? '';
      const colon = inner.indexOf(':');
      const extra = (colon >= 0 ? inner.slice(0, colon) : inner).trim();
      const marker = colon >= 0 ? inner.slice(colon + 1).trim() : '';
      group = extra === '' ? undefined : extra;
      sectionMarker = marker === '' ? undefined : marker;
      sectionMarkerKey = '';
      if (sectionMarker !== undefined) {
        const key = canonicalMarker(sectionMarker);
        if (key === null)
          addError(contribution, `requires.txt line ${lineNumber}: unreadable marker in ${truncate(line)}`);
        sectionMarkerKey = key ?? sectionMarker;
      }
      continue;
    }
    const source = fieldSource(contribution.file, 'requires.txt', lineNumber);
    const parsed = parseRequirement(line);
    if (!parsed) {
      addError(contribution, `requires.txt line ${lineNumber}: not a valid requirement: ${truncate(line)}`);
      continue;
    }
    // A line can carry its own marker too; combine it with the section's for the comparison key.
    const markerKey = [sectionMarkerKey, parsed.markerKey].filter((m) => m !== '').join(' and ');
    const marker = [sectionMarker, parsed.marker].filter((m) => m !== undefined).join(' and ');
    addDependency(contribution, {
      name: parsed.name,
      extras: parsed.extras,
      specifier: parsed.specifier,
      ...(marker !== '' ? { marker } : {}),
      markerKey,
      ...(parsed.url !== undefined ? { url: parsed.url } : {}),
      kind: group === undefined ? 'runtime' : 'optional',
      ...(group !== undefined ? { group } : {}),
      raw: line,
      source,
    });
  }
}

/** entry_points.txt is an INI file: each section is an entry-point group, each option one entry point. */
export function readEntryPointsIni(
  contribution: Contribution,
  text: string,
  field: string,
  firstLine = 1,
): void {
  const document = parseIni(text, firstLine);
  for (const message of document.errors) addError(contribution, `${field}: ${message}`);
  for (const sectionValue of document.sections) {
    for (const entry of sectionValue.entries) {
      if (entry.value === '') continue;
      contribution.entryPoints.push({
        group: sectionValue.name.trim(),
        name: entry.key,
        value: entry.value,
        source: fieldSource(contribution.file, field, entry.line),
      });
    }
  }
}

/** Entry points given as `name = value` lines (a setup.py list, a setup.cfg multi-line value). */
export function addEntryPointLine(
  contribution: Contribution,
  group: string,
  line: string,
  field: string,
  lineNumber?: number,
): void {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return;
  const parsed = splitEntryPoint(text);
  if (!parsed) {
    addError(contribution, `${field}: not an entry point: ${truncate(text)}`);
    return;
  }
  contribution.entryPoints.push({
    group,
    ...parsed,
    source: fieldSource(contribution.file, field, lineNumber),
  });
}

const MAX_TOP_LEVEL = 1000;

export function readTopLevelTxt(contribution: Contribution, text: string): void {
  for (const line of splitLines(text)) {
    const name = line.trim();
    if (name === '') continue;
    if (contribution.topLevelModules.length >= MAX_TOP_LEVEL) break;
    contribution.topLevelModules.push(name);
  }
}
