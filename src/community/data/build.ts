/**
 * Turns the public data sets, as their sources publish them, into the compact snapshots in data/.
 * Pure functions over text so that the refresh script and the tests share them.
 */
import { normalizePypiName } from '../../metadata/pep508.ts';
import type {
  MaliciousRow,
  MaliciousSnapshot,
  NpmHighImpactSnapshot,
  PypiTopSnapshot,
  SnapshotHeader,
  TyposquatPair,
  TyposquatSnapshot,
} from './format.ts';

export type Provenance = Omit<SnapshotHeader, 'name' | 'rows' | 'sourceDate'> & {
  readonly sourceDate?: string;
};

export class DataBuildError extends Error {
  override readonly name = 'DataBuildError';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** hugovk/top-pypi-packages `top-pypi-packages*.min.json`: `{ last_update, rows: [{ project, download_count }] }`. */
export function buildPypiTop(jsonText: string, prov: Provenance): PypiTopSnapshot {
  const doc: unknown = JSON.parse(jsonText);
  if (!isObject(doc) || !Array.isArray(doc['rows'])) throw new DataBuildError('top-pypi: no "rows" array');
  const rows = doc['rows']
    .filter(isObject)
    .map((r) => ({ name: r['project'], downloads: r['download_count'] }))
    .filter(
      (r): r is { name: string; downloads: number } =>
        typeof r.name === 'string' && typeof r.downloads === 'number',
    )
    .sort((a, b) => b.downloads - a.downloads);
  if (rows.length === 0) throw new DataBuildError('top-pypi: no rows with project and download_count');
  const names: string[] = [];
  const downloads30d: number[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    const n = normalizePypiName(r.name);
    if (seen.has(n)) continue;
    seen.add(n);
    names.push(n);
    downloads30d.push(r.downloads);
  }
  const lastUpdate = typeof doc['last_update'] === 'string' ? doc['last_update'].slice(0, 10) : undefined;
  return {
    name: 'pypi-top',
    ...prov,
    sourceDate: lastUpdate ?? prov.sourceDate ?? 'undated',
    rows: names.length,
    names,
    downloads30d,
  };
}

/**
 * npm-high-impact's `top-download.js` / `top-dependent.js` are ES modules holding one array of
 * string literals. They are read as text, never evaluated: only quoted names are taken.
 */
export function namesFromJsModule(text: string): string[] {
  const open = text.indexOf('[');
  const close = text.lastIndexOf(']');
  if (open === -1 || close < open) throw new DataBuildError('npm-high-impact: no array literal in module');
  const names: string[] = [];
  for (const m of text.slice(open + 1, close).matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)) {
    const name = m[1] ?? m[2] ?? '';
    if (name !== '') names.push(name);
  }
  return names;
}

export function buildNpmHighImpact(
  topDownloadJs: string,
  topDependentJs: string,
  prov: Provenance,
): NpmHighImpactSnapshot {
  const topDownload = namesFromJsModule(topDownloadJs);
  const topDependent = namesFromJsModule(topDependentJs);
  if (topDownload.length === 0) throw new DataBuildError('npm-high-impact: empty download list');
  return {
    name: 'npm-high-impact',
    ...prov,
    sourceDate: prov.sourceDate ?? 'undated',
    rows: new Set([...topDownload, ...topDependent]).size,
    topDownload,
    topDependent,
    minWeeklyDownloads: 1_000_000,
    minDependents: 500,
  };
}

function ecosystemOf(raw: string): 'pypi' | 'npm' | undefined {
  const e = raw.trim().toLowerCase();
  return e === 'pypi' ? 'pypi' : e === 'npm' ? 'npm' : undefined;
}

/** Normalizes one OSV `affected` summary: every version becomes '*'. */
export function compactAffected(raw: string): string {
  const v = raw.trim();
  if (v === '' || v === 'RANGE:introduced=0') return '*';
  return v;
}

/**
 * The shared TSV extract of OpenSSF malicious-packages (one row per OSV record). Withdrawn records
 * were false reports: they are dropped and only counted, so they can never match.
 */
export function buildMaliciousFromTsv(tsv: string, prov: Provenance): MaliciousSnapshot {
  const lines = tsv.split(/\r?\n/);
  const header = (lines[0] ?? '').split('\t');
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i === -1) throw new DataBuildError(`malicious TSV: no "${name}" column`);
    return i;
  };
  const [ce, cn, ci, ca, cw, cd] = [
    col('ecosystem'),
    col('name'),
    col('osv_id'),
    col('affected_versions'),
    col('withdrawn'),
    col('dir'),
  ];
  const records: MaliciousRow[] = [];
  let withdrawn = 0;
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    const f = line.split('\t');
    const eco = ecosystemOf(f[ce] ?? '');
    const name = f[cn] ?? '';
    const id = f[ci] ?? '';
    if (eco === undefined || !cleanField(name) || !cleanField(id)) continue;
    if ((f[cw] ?? '').trim() !== '' || (f[cd] ?? '').trim() === 'withdrawn') {
      withdrawn++;
      continue;
    }
    records.push([eco, eco === 'pypi' ? normalizePypiName(name) : name, id, compactAffected(f[ca] ?? '')]);
  }
  if (records.length === 0) throw new DataBuildError('malicious TSV: no records');
  return finishMalicious(records, withdrawn, prov);
}

/** Tabs and newlines would break the one-line-per-record block; no real name has them. */
function cleanField(v: string): boolean {
  return v !== '' && !/[\t\r\n]/.test(v);
}

function finishMalicious(records: MaliciousRow[], withdrawn: number, prov: Provenance): MaliciousSnapshot {
  // The key SnapshotStore binary-searches on: ecosystem and name, each followed by a tab; then the id.
  const key = (r: MaliciousRow): string => `${r[0]}\t${r[1]}\t`;
  records.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a[2] < b[2] ? -1 : 1));
  return {
    name: 'ossf-malicious',
    ...prov,
    sourceDate: prov.sourceDate ?? 'undated',
    rows: records.length,
    records: records.map((r) => r.join('\t')).join('\n'),
    withdrawnExcluded: withdrawn,
    recordsOrder: 'ecosystem-name',
  };
}

/** One OSV JSON record (from the OSV export) to a compact row; null when not a malicious PyPI/npm record. */
export function maliciousRowFromOsv(
  record: unknown,
): { row: MaliciousRow; withdrawn: false } | { withdrawn: true } | null {
  if (!isObject(record) || typeof record['id'] !== 'string' || !record['id'].startsWith('MAL-')) return null;
  if (typeof record['withdrawn'] === 'string' && record['withdrawn'] !== '') return { withdrawn: true };
  const affected = Array.isArray(record['affected']) ? record['affected'].filter(isObject) : [];
  for (const a of affected) {
    const pkg = isObject(a['package']) ? a['package'] : {};
    const eco = ecosystemOf(typeof pkg['ecosystem'] === 'string' ? pkg['ecosystem'] : '');
    const name = typeof pkg['name'] === 'string' ? pkg['name'] : '';
    if (eco === undefined || !cleanField(name) || !cleanField(record['id'])) continue;
    const versions = Array.isArray(a['versions'])
      ? a['versions'].filter((v): v is string => typeof v === 'string' && /^[^\t\r\n,]+$/.test(v))
      : [];
    const events: string[] = [];
    for (const range of Array.isArray(a['ranges']) ? a['ranges'].filter(isObject) : []) {
      for (const ev of Array.isArray(range['events']) ? range['events'].filter(isObject) : []) {
        for (const [k, v] of Object.entries(ev)) if (typeof v === 'string') events.push(`${k}=${v}`);
      }
    }
    const summary =
      versions.length > 0 ? versions.join(',') : events.length > 0 ? `RANGE:${events.join(';')}` : '*';
    return {
      row: [eco, eco === 'pypi' ? normalizePypiName(name) : name, record['id'], compactAffected(summary)],
      withdrawn: false,
    };
  }
  return null;
}

export function buildMaliciousFromOsv(records: Iterable<unknown>, prov: Provenance): MaliciousSnapshot {
  const rows: MaliciousRow[] = [];
  let withdrawn = 0;
  for (const r of records) {
    const got = maliciousRowFromOsv(r);
    if (got === null) continue;
    if (got.withdrawn) withdrawn++;
    else rows.push(got.row);
  }
  if (rows.length === 0) throw new DataBuildError('OSV export: no malicious records');
  return finishMalicious(rows, withdrawn, prov);
}

/** Splits one CSV line with RFC 4180 quoting. */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** ecosyste-ms typosquatting-dataset CSV; columns found by header name (the upstream file has more). */
export function buildTyposquats(csv: string, prov: Provenance): TyposquatSnapshot {
  const lines = csv.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = csvFields(lines[0] ?? '');
  const idx = (n: string): number => {
    const i = header.indexOf(n);
    if (i === -1) throw new DataBuildError(`typosquat CSV: no "${n}" column`);
    return i;
  };
  const [cs, ct, ce, cc] = [
    idx('malicious_package'),
    idx('target_package'),
    idx('ecosystem'),
    idx('classification'),
  ];
  const pairs: TyposquatPair[] = [];
  for (const line of lines.slice(1)) {
    const f = csvFields(line);
    const eco = ecosystemOf(f[ce] ?? '');
    if (eco === undefined) continue;
    const norm = (n: string): string => (eco === 'pypi' ? normalizePypiName(n) : n.trim().toLowerCase());
    const squat = norm(f[cs] ?? '');
    const target = norm(f[ct] ?? '');
    if (squat === '' || target === '' || squat === target) continue;
    pairs.push([squat, target, eco, (f[cc] ?? 'other').trim() || 'other']);
  }
  return {
    name: 'typosquat-pairs',
    ...prov,
    sourceDate: prov.sourceDate ?? 'undated',
    rows: pairs.length,
    pairs,
  };
}
