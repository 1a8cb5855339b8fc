/**
 * A wheel's RECORD lists every file of the wheel with its sha256 and size (PEP 376 / PEP 627). Files whose bytes do
 * not match, files it lists that the wheel lacks, and files the wheel has that it does not list, are all signs that
 * the wheel was changed after it was built.
 */
import { createHash } from 'node:crypto';
import type { PackageFile } from '../../../artifacts/types.ts';

export interface RecordProblem {
  readonly record: string;
  readonly line: number;
  readonly path: string;
  readonly problem: 'hash-mismatch' | 'size-mismatch' | 'missing' | 'unlisted';
  readonly detail: string;
}

/** Splits one CSV line of RECORD: paths with commas are quoted. */
function csv(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      out.push(field);
      field = '';
    } else field += char;
  }
  out.push(field);
  return out;
}

/** The RECORD files of a wheel's top-level dist-info folders (never of wheels nested inside). */
export function recordProblems(files: readonly PackageFile[]): RecordProblem[] {
  const problems: RecordProblem[] = [];
  const byPath = new Map(files.map((file) => [file.path, file]));
  for (const record of files.filter((file) => /^[^/!]+\.dist-info\/RECORD$/.test(file.path))) {
    const listed = new Set<string>();
    const lines = record.data.toString('utf8').split('\n');
    // An installer's RECORD names files outside the wheel ('../../bin/tool', absolute paths): this wheel was
    // repacked from an installed copy, so its RECORD describes that installation, not the wheel.
    if (lines.some((line) => /^(?:\.\.\/|\/)/.test(line))) continue;
    lines.forEach((raw, index) => {
      const text = raw.replace(/\r$/, '');
      if (text.trim() === '') return;
      const [path = '', hash = '', size = ''] = csv(text);
      listed.add(path);
      if (path === record.path || /\.dist-info\/RECORD\.(jws|p7s)$/.test(path)) return;
      const at = { record: record.path, line: index + 1, path };
      const file = byPath.get(path);
      if (!file) {
        problems.push({ ...at, problem: 'missing', detail: `listed in RECORD but not in the wheel` });
        return;
      }
      if (size !== '' && Number(size) !== file.data.length)
        problems.push({
          ...at,
          problem: 'size-mismatch',
          detail: `RECORD says ${size} bytes, the file has ${file.data.length}`,
        });
      const [algorithm = '', expected = ''] = hash.split('=', 2);
      if (algorithm === '' || expected === '') return;
      let digest: Buffer;
      try {
        digest = createHash(algorithm).update(file.data).digest();
      } catch {
        return;
      }
      // The wheel format asks for unpadded base64url; some repackaging tools write hex, which says the same.
      const hex = /^[0-9a-f]+$/.test(expected) && expected.length === digest.length * 2;
      if ((hex ? digest.toString('hex') : digest.toString('base64url')) !== expected.replace(/=+$/, ''))
        problems.push({
          ...at,
          problem: 'hash-mismatch',
          detail: `its ${algorithm} is not the one RECORD lists`,
        });
    });
    const folder = record.path.slice(0, record.path.indexOf('/') + 1);
    for (const file of files) {
      if (file.path.includes('!/') || listed.has(file.path)) continue;
      if (file.path.startsWith(folder) && /RECORD(\.jws|\.p7s)?$/.test(file.path)) continue;
      problems.push({
        record: record.path,
        line: 1,
        path: file.path,
        problem: 'unlisted',
        detail: 'in the wheel but not listed in RECORD',
      });
    }
  }
  return problems;
}
