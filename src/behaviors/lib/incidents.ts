/**
 * Look-alikes of known supply-chain incidents, from the public indicators of data/incident-indicators.json. Each
 * incident has rule groups of indicator ids; a group is complete when every indicator in it is found, and an
 * incident is reported with the evidence of its complete groups.
 */

import type { PackageFile } from '../../artifacts/types.ts';
import {
  INCIDENTS,
  type Incident,
  type Indicator,
  incidentTag,
  type Stage,
} from '../../catalog/lib/incidents.ts';
import { innerPath } from '../../catalog/lib/location.ts';
import type { DetectionContext, Occurrence } from '../../catalog/types.ts';
import { type CodeString, codeStringTable, distinctMatcher } from './match.ts';
import { installScripts } from './npm.ts';
import { stringOccurrence } from './occurrence.ts';
import { scriptOccurrence } from './script-occurrence.ts';
import { type FileStage, fileStages } from './stage.ts';

/** Text files read for `text` indicators are bounded: a payload script is small, a bundle can be huge. */
const MAX_TEXT_BYTES = 1024 * 1024;

/** A text file read for `text` indicators: decoded once per scan, split into lines only when a pattern may match. */
interface FileText {
  readonly text: string;
  lines?: string[];
}

/**
 * The decoded text files of one incidentOccurrences call, shared by its `text` indicators and dropped with it.
 * Bounded in bytes, so that a package of many text files holds no more than this at once; past it a file is
 * decoded for each indicator, as before.
 */
class FileTexts {
  readonly #texts = new Map<PackageFile, FileText>();
  #bytes = 0;

  of(file: PackageFile): FileText {
    let text = this.#texts.get(file);
    if (text === undefined) {
      text = { text: file.data.toString('latin1') };
      if (this.#bytes + file.data.length <= MAX_SHARED_TEXT_BYTES) {
        this.#texts.set(file, text);
        this.#bytes += file.data.length;
      }
    }
    return text;
  }
}

const MAX_SHARED_TEXT_BYTES = 16 * 1024 * 1024;

/**
 * Whether a line pattern can be tried on a whole file first: a match in one line is then a match in the file,
 * so a file without one is skipped without splitting it. Not so for a pattern that looks at where a line
 * starts or ends (^, $) or at what does not follow or precede (a negative lookaround sees past the line).
 */
export function wholeTextTest(pattern: RegExp): boolean {
  if (pattern.global || pattern.sticky || pattern.multiline) return false;
  const outside = pattern.source.replace(/\\[\s\S]/g, '').replace(/\[[^\]]*\]/g, '');
  return !/[\^$]|\(\?<?!/.test(outside);
}

function inStage(stage: Stage | undefined, actual: FileStage): boolean {
  if (stage === undefined || stage === 'any') return true;
  return stage === 'install' ? actual === 'install' : actual !== 'runtime';
}

/** The occurrences of one indicator in the package; an empty list means absent. `no-dependency` has no evidence. */
function findIndicator(
  context: DetectionContext,
  indicator: Indicator,
  stageOf: (file: string) => FileStage,
  texts: FileTexts,
): readonly Occurrence[] | 'present' {
  const { snapshot, facts } = context;
  const pattern = indicator.pattern === undefined ? undefined : new RegExp(indicator.pattern, 'i');
  const note = indicator.label;
  const out: Occurrence[] = [];
  switch (indicator.kind) {
    case 'script':
      for (const script of installScripts(snapshot))
        if (pattern?.test(script.command)) out.push(scriptOccurrence(script, note));
      return out;
    case 'file':
      for (const file of snapshot.files)
        if (pattern?.test(innerPath(file.path)))
          out.push({ file: file.path, line: 1, snippet: innerPath(file.path), detail: note });
      return out;
    case 'string': {
      if (pattern === undefined) return out;
      const table = codeStringTable(context);
      const matches = distinctMatcher(table, [pattern]);
      for (let i = 0; i < table.strings.length; i++) {
        const found =
          matches === undefined
            ? pattern.test(table.values[table.ids[i] as number] as string)
            : matches(i) !== 0;
        const fact = table.strings[i] as CodeString;
        if (found && inStage(indicator.stage, stageOf(fact.file))) out.push(stringOccurrence(fact, note));
        if (out.length >= 5) break;
      }
      return out;
    }
    case 'text': {
      const whole = pattern !== undefined && wholeTextTest(pattern) ? pattern : undefined;
      for (const file of snapshot.files) {
        const dot = file.path.lastIndexOf('.');
        const extension = dot < 0 ? '' : file.path.slice(dot + 1).toLowerCase();
        if (!(indicator.extensions ?? []).includes(extension) || file.data.length > MAX_TEXT_BYTES) continue;
        if (!inStage(indicator.stage, stageOf(file.path))) continue;
        const text = texts.of(file);
        if (whole !== undefined && !whole.test(text.text)) continue;
        text.lines ??= text.text.split('\n');
        text.lines.forEach((line, index) => {
          if (out.length < 5 && pattern?.test(line))
            out.push({ file: file.path, line: index + 1, snippet: line.trim().slice(0, 200), detail: note });
        });
      }
      return out;
    }
    case 'host':
      for (const url of facts.urls) {
        const host = url.host.toLowerCase();
        const listed = (indicator.domains ?? []).some(
          (domain) => host === domain || host.endsWith(`.${domain}`),
        );
        if (listed && inStage(indicator.stage, stageOf(url.file)))
          out.push({
            file: url.file,
            line: url.line,
            column: url.column,
            snippet: url.url.slice(0, 200),
            detail: note,
          });
        if (out.length >= 5) break;
      }
      return out;
    case 'no-dependency':
      return snapshot.metadata.dependencies.some((dependency) => pattern?.test(dependency.name)) ||
        isSuchLibrary(snapshot, pattern, indicator.keywords)
        ? []
        : 'present';
  }
}

/** The package is one of the libraries a `no-dependency` indicator names: by its own name or its keywords. */
function isSuchLibrary(
  snapshot: DetectionContext['snapshot'],
  pattern: RegExp | undefined,
  keywords?: string,
): boolean {
  const name = snapshot.metadata.name;
  if (name !== undefined && pattern?.test(name)) return true;
  if (keywords === undefined) return false;
  const words = new RegExp(keywords, 'i');
  return manifestKeywords(snapshot).some((word) => words.test(word));
}

/** The `keywords` of the package's package.json, or none. */
function manifestKeywords(snapshot: DetectionContext['snapshot']): readonly string[] {
  const source = snapshot.metadata.sources.find((entry) => entry.kind === 'package.json');
  const file = source === undefined ? undefined : snapshot.files.find((entry) => entry.path === source.file);
  if (file === undefined) return [];
  try {
    const manifest = JSON.parse(file.data.toString('utf8')) as { keywords?: unknown };
    return Array.isArray(manifest.keywords)
      ? manifest.keywords.filter((word): word is string => typeof word === 'string')
      : [];
  } catch {
    return [];
  }
}

/** Occurrences of every incident whose rule has a complete group, each detail tagged with the incident. */
export function incidentOccurrences(context: DetectionContext): Occurrence[] {
  const stageOf = fileStages(context);
  const texts = new FileTexts();
  const out: Occurrence[] = [];
  for (const incident of INCIDENTS) {
    if (!incident.ecosystems.includes(context.snapshot.ecosystem)) continue;
    const found = new Map<string, readonly Occurrence[] | 'present'>();
    const lookup = (id: string) => {
      let result = found.get(id);
      if (result === undefined) {
        const indicator = incident.indicators.find((candidate) => candidate.id === id);
        result = indicator === undefined ? [] : findIndicator(context, indicator, stageOf, texts);
        found.set(id, result);
      }
      return result;
    };
    const isPresent = (id: string) => {
      const result = lookup(id);
      return result === 'present' || result.length > 0;
    };
    const complete = incident.rule.filter((group) => group.every(isPresent));
    if (complete.length === 0) continue;
    const ids = new Set(complete.flat());
    for (const id of ids) {
      const result = lookup(id);
      if (result === 'present') continue;
      for (const occurrence of result)
        out.push({
          ...occurrence,
          detail: `${incidentTag(incident.key)} ${incident.name}: ${occurrence.detail ?? ''}`,
        });
    }
  }
  return out;
}
