/**
 * Rebuilds data/crosswalk/reversinglabs-catalog.json (the ids, categories, severities and blocking flags of the
 * ReversingLabs Spectra Assure policy catalog) from the public metadata (reversinglabs/rl-scanner-metadata,
 * data/*.json). Only those facts are kept; the catalog's texts are never copied.
 *
 *   tsx scripts/crosswalk-catalog.ts [--from DIR] [--revision TEXT] [--date YYYY-MM-DD]
 *
 * DIR defaults to ../shared/data/rl-policy-metadata. After a refresh, run `npm test`: the crosswalk test names
 * each new id that still needs a status in data/crosswalk/reversinglabs.json.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ExternalPolicy } from '../src/catalog/crosswalk.ts';
import { CATALOG_FILE, CROSSWALK_DIR, formatExternalCatalog } from '../src/catalog/crosswalk-files.ts';

function arg(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}

const from = resolve(
  arg('--from', join(import.meta.dirname, '..', '..', 'shared', 'data', 'rl-policy-metadata')),
);
interface RawPolicy {
  quality?: { severity?: string; blocker?: string };
  policy?: { category?: string };
}
const policies: Record<string, ExternalPolicy> = {};
let names: string[];
try {
  names = readdirSync(from).filter((file) => file.endsWith('.json'));
} catch {
  process.stderr.write(`cannot read ${from}; give the metadata folder with --from DIR\n`);
  process.exit(1);
}
for (const name of names) {
  const records = JSON.parse(readFileSync(join(from, name), 'utf8')) as Record<string, RawPolicy>;
  for (const [id, record] of Object.entries(records)) {
    const category = record.policy?.category;
    const severity = record.quality?.severity;
    if (!category || !severity) throw new Error(`${name}: ${id} has no category or severity`);
    policies[id] = { category, severity, blocks: record.quality?.blocker === 'fail' };
  }
}
const text = formatExternalCatalog({
  source: 'the ReversingLabs Spectra Assure policy catalog (reversinglabs/rl-scanner-metadata, data/*.json)',
  revision: arg('--revision', 'commit c45bb4f8, rl-secure 3.5.0'),
  date: arg('--date', '2026-05-19'),
  licence: 'MIT',
  policies,
});
writeFileSync(join(CROSSWALK_DIR, CATALOG_FILE), text);
process.stdout.write(`wrote ${Object.keys(policies).length} ids to data/crosswalk/${CATALOG_FILE}\n`);
