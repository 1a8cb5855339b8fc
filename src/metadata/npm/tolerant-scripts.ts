/**
 * The lifecycle scripts of a package.json that is not valid JSON. npm refuses such a file, but a trailing
 * comma or a stray byte is also how an author makes one tool see no scripts while another (a lenient
 * parser, a later fix-up) runs them, so the `scripts` object is read token by token: string keys and
 * string values up to its closing brace.
 */
import type { DeclaredScript } from '../types.ts';

const STRING = /"((?:[^"\\\n]|\\.)*)"/y;

function jsonString(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export function tolerantScripts(text: string, file: string): DeclaredScript[] {
  // The brace may be missing too (`"scripts": "test": "…", …`): the pairs that follow are still read.
  const open = /"scripts"\s*:\s*(?:\{|(?="(?:[^"\\\n]|\\.)*"\s*:))/.exec(text);
  if (open === null) return [];
  const out: DeclaredScript[] = [];
  let i = open.index + open[0].length;
  while (i < text.length && out.length < 1000) {
    while (i < text.length && /[\s,]/.test(text[i] ?? '')) i++;
    if (text[i] !== '"') break; // the closing brace, or something no reading can make sense of
    STRING.lastIndex = i;
    const key = STRING.exec(text);
    if (key === null) break;
    let j = STRING.lastIndex;
    while (j < text.length && /\s/.test(text[j] ?? '')) j++;
    if (text[j] !== ':') break;
    j++;
    while (j < text.length && /\s/.test(text[j] ?? '')) j++;
    STRING.lastIndex = j;
    const value = STRING.exec(text);
    if (value === null) break;
    const line = lineAt(text, i);
    const name = jsonString(key[1] ?? '');
    out.push({ name, command: jsonString(value[1] ?? ''), source: { file, field: `scripts.${name}`, line } });
    i = STRING.lastIndex;
  }
  return out;
}
