import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Fixture layout: <root>/<category>/fixtures/<id>/<case>/…, where a case folder name starts with
 * `positive` or `negative`. Lines that must hit carry `expect: <id>`; benign look-alikes carry `ok: <id>`.
 */
export interface FixtureCase {
  readonly id: string;
  readonly kind: 'positive' | 'negative';
  readonly name: string;
  readonly dir: string;
  /** `file:line` keys of lines marked `expect: <id>` for this case's id. */
  readonly expected: ReadonlySet<string>;
  /** `file:line` keys of lines marked `ok: <id>`. */
  readonly benign: ReadonlySet<string>;
}

const ID = '[a-z0-9]+(?:-[a-z0-9]+)*';
const MARK = new RegExp(`\\b(expect|ok):\\s*(${ID}(?:\\s*,\\s*${ID})*)`, 'g');

function listFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) listFiles(path, out);
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Reads the marks of one case folder for one id. */
export function readMarks(dir: string, id: string): { expected: Set<string>; benign: Set<string> } {
  const expected = new Set<string>();
  const benign = new Set<string>();
  for (const path of listFiles(dir)) {
    const file = relative(dir, path).split('\\').join('/');
    const lines = readFileSync(path, 'latin1').split('\n');
    lines.forEach((line, index) => {
      for (const match of line.matchAll(MARK)) {
        const ids = (match[2] ?? '').split(/\s*,\s*/);
        if (!ids.includes(id)) continue;
        (match[1] === 'expect' ? expected : benign).add(`${file}:${index + 1}`);
      }
    });
  }
  return { expected, benign };
}

/** Every fixture case under `root` (src/behaviors or src/policies), and fixture folders that are malformed. */
export function collectFixtureCases(root: string): { cases: FixtureCase[]; malformed: string[] } {
  const cases: FixtureCase[] = [];
  const malformed: string[] = [];
  for (const category of readdirSync(root, { withFileTypes: true })) {
    if (!category.isDirectory()) continue;
    const fixturesDir = join(root, category.name, 'fixtures');
    let ids: string[];
    try {
      ids = readdirSync(fixturesDir).filter((name) => statSync(join(fixturesDir, name)).isDirectory());
    } catch {
      continue;
    }
    for (const id of ids) {
      for (const caseName of readdirSync(join(fixturesDir, id))) {
        const dir = join(fixturesDir, id, caseName);
        if (!statSync(dir).isDirectory()) {
          malformed.push(`${relative(root, dir)} is a file; a case must be a folder`);
          continue;
        }
        const kind = caseName.startsWith('positive')
          ? 'positive'
          : caseName.startsWith('negative')
            ? 'negative'
            : null;
        if (kind === null) {
          malformed.push(`${relative(root, dir)}: a case folder name starts with 'positive' or 'negative'`);
          continue;
        }
        const { expected, benign } = readMarks(dir, id);
        cases.push({ id, kind, name: `${category.name}/${id}/${caseName}`, dir, expected, benign });
      }
    }
  }
  return { cases, malformed };
}
