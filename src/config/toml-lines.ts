/**
 * Lines of keys in a TOML file, for error messages (smol-toml returns values without positions). A key is named
 * by its path with array-of-tables indexes: `policies.typosquat-component`, `suppress.1.reason`.
 */
export function tomlKeyLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const arrayCounts = new Map<string, number>();
  let table = '';
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    const arrayHeader = /^\[\[\s*([^\]]+?)\s*\]\]/.exec(line);
    const header = arrayHeader ?? /^\[\s*([^\]]+?)\s*\]/.exec(line);
    if (header) {
      const name = unquote(header[1] ?? '');
      if (arrayHeader) {
        const count = arrayCounts.get(name) ?? 0;
        arrayCounts.set(name, count + 1);
        table = `${name}.${count}`;
      } else {
        table = name;
      }
      if (!lines.has(table)) lines.set(table, index + 1);
      continue;
    }
    const key = /^("[^"]*"|'[^']*'|[A-Za-z0-9_.-]+)\s*=/.exec(line);
    if (!key) continue;
    const path = table === '' ? unquote(key[1] ?? '') : `${table}.${unquote(key[1] ?? '')}`;
    if (!lines.has(path)) lines.set(path, index + 1);
  }
  return lines;
}

function unquote(key: string): string {
  return key.replace(/^["']|["']$/g, '');
}

/** The line of a key, or of the nearest enclosing table that has one. */
export function lineOf(lines: Map<string, number>, path: readonly (string | number)[]): number | undefined {
  for (let length = path.length; length > 0; length--) {
    const line = lines.get(path.slice(0, length).join('.'));
    if (line !== undefined) return line;
  }
  return undefined;
}
