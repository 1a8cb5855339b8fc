import type { DetectionContext, Occurrence } from '../../catalog/types.ts';
import { locatedDetail, OccurrenceCollector } from './occurrence.ts';
import { isPythonSource, lines, snippetOf, textFiles } from './text.ts';

/** A string literal written only with \x / octal escapes: '\x65\x76\x61\x6c'. */
const ESCAPED_LITERAL = /(['"])((?:\\x[0-9a-fA-F]{2}|\\[0-7]{1,3}){3,})\1/g;

/** Names obfuscators spell in escapes so that a search for them finds nothing. */
const SENSITIVE_NAMES =
  /^(eval|exec|compile|__import__|getattr|setattr|globals|locals|vars|__builtins__|builtins|marshal|loads|base64|b64decode|zlib|lzma|decompress|subprocess|system|popen|os|socket|requests|urllib|chr|ord|join|decode|open|read|write)$/;

function decodeEscapes(body: string): string {
  return body.replace(
    /\\x([0-9a-fA-F]{2})|\\([0-7]{1,3})/g,
    (_, hex: string | undefined, octal: string | undefined) =>
      String.fromCharCode(hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(octal ?? '0', 8)),
  );
}

/** Lines where a sensitive built-in or module name is written entirely as escape sequences. */
export function escapedNameOccurrences(context: DetectionContext): readonly Occurrence[] {
  const collector = new OccurrenceCollector();
  // Every name in SENSITIVE_NAMES is lowercase letters and '_': escaped, each starts \x.. or \1.. (octal 137–172).
  const mayMatch = (data: Buffer): boolean => data.includes('\\x') || data.includes('\\1');
  for (const { file, text } of textFiles(context, isPythonSource, mayMatch)) {
    for (const entry of lines(text)) {
      if (collector.full) return collector.list();
      if (!entry.text.includes('\\')) continue;
      // Obfuscated lines can be huge; the first names on a line are evidence enough.
      const head = entry.text.length > 20_000 ? entry.text.slice(0, 20_000) : entry.text;
      for (const match of head.matchAll(ESCAPED_LITERAL)) {
        const name = decodeEscapes(match[2] ?? '');
        if (!SENSITIVE_NAMES.test(name)) continue;
        collector.add({
          file: file.path,
          line: entry.line,
          column: (match.index ?? 0) + 1,
          snippet: snippetOf(head),
          detail: locatedDetail(file.path, `spells '${name}' in escape sequences`),
        });
        break;
      }
    }
  }
  return collector.list();
}
