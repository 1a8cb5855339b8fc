/**
 * Core Metadata (METADATA in a wheel, PKG-INFO in an sdist or egg-info): RFC 822 style headers, then
 * the description as the body. Read the way Python's email parser with the compat32 policy reads it,
 * which is what pip and packaging use.
 */
import type { MetadataSourceKind } from '../types.ts';
import {
  addError,
  addRequirementLine,
  type Contribution,
  combinePeople,
  fieldSource,
  newContribution,
  type Sourced,
} from './contribution.ts';
import { splitLines } from './decode.ts';

export interface HeaderField {
  /** The key as written. */
  readonly key: string;
  readonly value: string;
  /** Line of the key (1-based). */
  readonly line: number;
}

export interface CoreMetadataDocument {
  readonly fields: readonly HeaderField[];
  readonly body: string;
  /** Line where the body starts, when there is one. */
  readonly bodyLine?: number;
  readonly errors: readonly string[];
}

/** A header field has a name of printable ASCII without ':' (RFC 5322 ftext). */
const HEADER = /^([!-9;-~]+):[ \t]?(.*)$/;

/**
 * The Description header of metadata 1.x/2.0 escapes its line breaks as '\n' + 7 spaces + '|' (older
 * setuptools wrote 8 spaces before the '|'), so that blank and indented lines survive the header format.
 */
function unfoldDescription(first: string, continuation: readonly string[]): string {
  const nonBlank = continuation.filter((l) => l.trim() !== '');
  if (nonBlank.length > 0 && nonBlank.every((l) => /^[ \t]{1,8}\|/.test(l))) {
    return [first, ...continuation.map((l) => l.replace(/^[ \t]{1,8}\|/, ''))].join('\n');
  }
  // setuptools' rfc822_escape indents with 8 spaces; its reader dedents, which keeps code-block indentation.
  const indent = Math.min(...nonBlank.map((l) => l.length - l.trimStart().length));
  return [first, ...continuation.map((l) => (l.trim() === '' ? '' : l.slice(indent)))].join('\n');
}

export function parseCoreMetadata(text: string): CoreMetadataDocument {
  const lines = splitLines(text.startsWith('\uFEFF') ? text.slice(1) : text);
  const fields: HeaderField[] = [];
  const errors: string[] = [];
  let current: { key: string; first: string; rest: string[]; line: number } | undefined;
  const flush = (): void => {
    if (!current) return;
    const value =
      current.key.toLowerCase() === 'description'
        ? unfoldDescription(current.first, current.rest)
        : [current.first, ...current.rest.map((l) => l.trim())].join('\n');
    fields.push({ key: current.key, value: value.trim(), line: current.line });
    current = undefined;
  };
  let index = 0;
  for (; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (line === '') break;
    if (/^[ \t]/.test(line)) {
      if (current) current.rest.push(line);
      else errors.push(`line ${index + 1}: continuation line before any header`);
      continue;
    }
    const match = HEADER.exec(line);
    if (!match) {
      // The email parser ends the headers at the first line that is not one and reads the rest as body.
      errors.push(`line ${index + 1}: not a header line; the rest is read as the description`);
      flush();
      const body = lines.slice(index).join('\n').trim();
      return { fields, body, bodyLine: index + 1, errors };
    }
    flush();
    current = { key: match[1] ?? '', first: match[2] ?? '', rest: [], line: index + 1 };
  }
  flush();
  const bodyLines = lines.slice(index + 1);
  const body = bodyLines.join('\n').trim();
  return body === '' ? { fields, body, errors } : { fields, body, bodyLine: index + 2, errors };
}

/** setuptools writes UNKNOWN for a field the author left empty; it carries no information. */
function meaningful(value: string): boolean {
  return value !== '' && value !== 'UNKNOWN';
}

export function coreMetadataContribution(file: string, kind: MetadataSourceKind, text: string): Contribution {
  const contribution = newContribution(file, kind);
  const document = parseCoreMetadata(text);
  for (const message of document.errors) addError(contribution, message);
  const first = (key: string): Sourced<string> | undefined => {
    const lower = key.toLowerCase();
    const field = document.fields.find((f) => f.key.toLowerCase() === lower && meaningful(f.value));
    return field ? { value: field.value, source: fieldSource(file, field.key, field.line) } : undefined;
  };

  contribution.name = first('Name');
  contribution.version = first('Version');
  const summary = first('Summary');
  if (summary) contribution.summary = { ...summary, value: summary.value.replace(/\s*\n\s*/g, ' ') };
  if (document.body !== '') {
    contribution.description = {
      value: document.body,
      source: fieldSource(file, 'body', document.bodyLine),
    };
  } else contribution.description = first('Description');
  // License-Expression (metadata 2.4) is the SPDX form and supersedes the free-text License.
  contribution.license = first('License-Expression') ?? first('License');
  contribution.requiresPython = first('Requires-Python');
  contribution.authors.push(...combinePeople(first('Author'), first('Author-email')));
  contribution.maintainers.push(...combinePeople(first('Maintainer'), first('Maintainer-email')));

  for (const field of document.fields) {
    const key = field.key.toLowerCase();
    const source = fieldSource(file, field.key, field.line);
    if (!meaningful(field.value)) continue;
    if (key === 'home-page') {
      contribution.urls.push({ label: 'Home-page', url: field.value, source });
      contribution.homePage ??= { value: field.value, source };
    } else if (key === 'download-url') {
      contribution.urls.push({ label: 'Download-URL', url: field.value, source });
    } else if (key === 'project-url') {
      const comma = field.value.indexOf(',');
      const label = comma >= 0 ? field.value.slice(0, comma).trim() : 'Project-URL';
      const url = comma >= 0 ? field.value.slice(comma + 1).trim() : field.value;
      if (url !== '') contribution.urls.push({ label, url, source });
    } else if (key === 'requires-dist') {
      addRequirementLine(contribution, field.value, 'runtime', source);
    }
  }
  return contribution;
}
