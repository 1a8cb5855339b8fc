import { isAscii } from 'node:buffer';
import type { DetectionContext, Occurrence } from '../../catalog/types.ts';
import { locatedDetail, OccurrenceCollector } from './occurrence.ts';
import { isPythonSource, lines, snippetOf, textFiles } from './text.ts';

/** Line-by-line search of Python source text for characters a parser keeps but a reader does not see. */
export function detectCharacters(
  context: DetectionContext,
  pattern: RegExp,
  note: string,
): readonly Occurrence[] {
  const collector = new OccurrenceCollector();
  // Every character searched for is outside ASCII, and most source files are pure ASCII.
  const files = textFiles(
    context,
    (path) => isPythonSource(path) || path.endsWith('.pth'),
    (data) => !isAscii(data),
  );
  // One native scan of the whole text rules most files out before they are split into lines.
  const anywhere = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
  for (const { file, text } of files) {
    if (!anywhere.test(text)) continue;
    for (const entry of lines(text)) {
      if (collector.full) return collector.list();
      // The byte-order mark at the very start of a file is legitimate.
      const body = entry.line === 1 ? entry.text.replace(/^\uFEFF/, '') : entry.text;
      const match = pattern.exec(body);
      if (!match) continue;
      const code = (match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
      collector.add({
        file: file.path,
        line: entry.line,
        column: match.index + 1,
        snippet: snippetOf(escapeInvisible(body)),
        detail: locatedDetail(file.path, `${note} U+${code}`),
      });
    }
  }
  return collector.list();
}

/** Evidence shows the hidden characters as escapes, so the report itself is not tricked by them. */
function escapeInvisible(text: string): string {
  return text.replace(
    /[\u200B\u200C]|\u200D|[\u200E\u200F\u202A-\u202E\u2060-\u2069\u180E\u3164\u115F\u1160\uFFA0]|\u034F|[\u00AD\uFEFF\u{E0000}-\u{E007F}]/gu,
    (char) => `<U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase()}>`,
  );
}
