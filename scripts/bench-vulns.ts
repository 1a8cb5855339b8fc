// Benchmarks the offline vulnerability database: importing the PyPA advisory snapshot and matching
// 1,000 components. Usage: npx tsx scripts/bench-vulns.ts [osv-dir] (default /work/shared/data/osv-pypi).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizePackageName } from '../src/store/names.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';
import { importOsv } from '../src/vulns/import.ts';
import { type ComponentQuery, matchComponents } from '../src/vulns/match.ts';
import type { AffectedData } from '../src/vulns/osv.ts';
import { listedVersions } from '../src/vulns/ranges.ts';
import { median } from './bench/stats.ts';

const source = process.argv[2] ?? '/work/shared/data/osv-pypi';
const topList = '/work/shared/data/top-pypi-packages.min.json';
if (!existsSync(source)) {
  process.stderr.write(`no OSV data at ${source}; pass a directory or zip\n`);
  process.exit(2);
}

const dir = mkdtempSync(join(tmpdir(), 'assay-bench-vulns-'));
const rows: [string, string, string][] = [];
try {
  const store = openSqliteStore(join(dir, 'bench.db'));

  let t = performance.now();
  const first = await importOsv(store, source);
  const importMs = performance.now() - t;
  rows.push([
    'import PyPA snapshot (fresh db)',
    `${(importMs / 1000).toFixed(2)} s`,
    `${first.seen} records; target < 10 s`,
  ]);

  t = performance.now();
  const again = await importOsv(store, source);
  rows.push([
    're-import (nothing newer)',
    `${((performance.now() - t) / 1000).toFixed(2)} s`,
    `${again.unchanged} unchanged, ${again.updated} updated`,
  ]);

  const components = benchComponents(store, 1000);
  store.close();
  // Wall time suffers when other processes share the cores; CPU time of this process is shown too (it includes
  // V8's background compiler and GC threads, so it can exceed the wall time).
  const timed = (target: ReturnType<typeof openSqliteStore>) => {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const found = matchComponents(target, components).length;
    const used = process.cpuUsage(cpu);
    return { wall: performance.now() - start, cpu: (used.user + used.system) / 1000, found };
  };
  const summary = (runs: { wall: number; cpu: number }[]) => ({
    wall: median(runs.map((r) => r.wall)),
    cpu: median(runs.map((r) => r.cpu)),
  });
  // 1. The first call of the process on a newly opened store: what one CLI scan pays.
  const opened = openSqliteStore(join(dir, 'bench.db'));
  const cold = timed(opened);
  opened.close();
  // 2. A new connection each time (nothing cached on the store), code already warm.
  const fresh: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < 7; i++) {
    const each = openSqliteStore(join(dir, 'bench.db'));
    fresh.push(timed(each));
    each.close();
  }
  // 3. One connection asked again and again (a server): packages and records are read once per data revision.
  const reused = openSqliteStore(join(dir, 'bench.db'));
  const repeated: { wall: number; cpu: number }[] = [];
  for (let i = 0; i < 7; i++) repeated.push(timed(reused));
  const findings = cold.found;
  rows.push([
    'match 1,000 components (first call)',
    `${cold.wall.toFixed(1)} ms`,
    `cpu ${cold.cpu.toFixed(1)} ms; ${findings} findings; target < 100 ms`,
  ]);
  const freshSummary = summary(fresh);
  rows.push([
    'match 1,000 (new connection, median 7)',
    `${freshSummary.wall.toFixed(1)} ms`,
    `cpu ${freshSummary.cpu.toFixed(1)} ms; target < 100 ms`,
  ]);
  const againSummary = summary(repeated);
  rows.push([
    'match 1,000 (same connection, median 7)',
    `${againSummary.wall.toFixed(1)} ms`,
    `cpu ${againSummary.cpu.toFixed(1)} ms; parsed packages reused`,
  ]);

  const pins: ComponentQuery[] = [
    ['requests', '2.19.0'],
    ['django', '2.2.0'],
    ['jinja2', '2.10'],
    ['urllib3', '1.24.1'],
    ['pyyaml', '5.3'],
    ['flask', '0.12'],
  ].map(([name, version]) => ({ ecosystem: 'PyPI', name: name as string, version: version as string }));
  const pinned = matchComponents(reused, pins);
  reused.close();

  const widths = [40, 10];
  process.stdout.write(
    `assay vulnerability benchmark — ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ` +
      `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()[0]?.toFixed(1)}\n\n`,
  );
  process.stdout.write(`| ${'measure'.padEnd(widths[0] ?? 0)} | ${'time'.padEnd(widths[1] ?? 0)} | note |\n`);
  process.stdout.write(`|${'-'.repeat((widths[0] ?? 0) + 2)}|${'-'.repeat((widths[1] ?? 0) + 2)}|------|\n`);
  for (const [what, time, note] of rows) {
    process.stdout.write(`| ${what.padEnd(widths[0] ?? 0)} | ${time.padEnd(widths[1] ?? 0)} | ${note} |\n`);
  }
  process.stdout.write(
    '\nOld pins (requests==2.19.0, django==2.2.0, jinja2==2.10, urllib3==1.24.1, pyyaml==5.3, flask==0.12):\n',
  );
  for (const pin of pins) {
    const hits = pinned.filter((f) => f.component.name === pin.name);
    process.stdout.write(
      `  ${pin.name}==${pin.version}: ${hits.length} advisories, upgrade to ${hits[0]?.upgradeTo ?? '-'}\n`,
    );
    for (const f of hits) {
      const sev = f.severity?.score ?? f.severity?.label ?? '-';
      process.stdout.write(`    ${f.id.padEnd(20)} ${String(sev).padEnd(8)} ${[...f.aliases].join(', ')}\n`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * 1,000 components: the most-downloaded PyPI projects, each pinned to a version some advisory
 * lists when there is one (so matching does real work), else 1.0.
 */
function benchComponents(store: ReturnType<typeof openSqliteStore>, count: number): ComponentQuery[] {
  let names: string[] = [];
  if (existsSync(topList)) {
    const data = JSON.parse(readFileSync(topList, 'utf8')) as { rows?: { project?: string }[] };
    names = (data.rows ?? []).flatMap((r) => (typeof r.project === 'string' ? [r.project] : []));
  }
  while (names.length < count) names.push(`synthetic-project-${names.length}`);
  return names.slice(0, count).map((name) => {
    const rows = store.affectedFor('PyPI', normalizePackageName('PyPI', name));
    let version = '1.0';
    for (const row of rows) {
      const listed = listedVersions(JSON.parse(row.data) as AffectedData);
      const pick = listed[Math.floor(listed.length / 2)];
      if (pick !== undefined) {
        version = pick;
        break;
      }
    }
    return { ecosystem: 'PyPI', name, version };
  });
}
