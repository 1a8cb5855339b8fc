/**
 * Rebuilds data/kev.json, the compact snapshot of CISA's Known Exploited Vulnerabilities catalog that the scan uses
 * to mark vulnerabilities exploited in the wild (npm run data:kev).
 *
 *   tsx scripts/kev-update.ts                 from ../shared/data/cisa-kev/known_exploited_vulnerabilities.json
 *   tsx scripts/kev-update.ts --from FILE     from a copy of the catalog's JSON feed
 *   tsx scripts/kev-update.ts --from-network  from CISA's feed; fails, naming it, when it is unreachable
 *
 * Only the CVE id, the dates and the ransomware flag are kept, one CVE per line.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildKevSnapshot, formatKevSnapshot, KEV_FILE, KEV_SOURCE_URL } from '../src/vulns/kev.ts';

function arg(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index === -1 ? undefined : process.argv[index + 1];
}

async function feed(): Promise<unknown> {
  if (process.argv.includes('--from-network')) {
    const response = await fetch(KEV_SOURCE_URL).catch((error: unknown) => {
      throw new Error(`${KEV_SOURCE_URL} is unreachable: ${(error as Error).message}`);
    });
    if (!response.ok) throw new Error(`${KEV_SOURCE_URL} answered ${response.status}`);
    return response.json();
  }
  const path =
    arg('--from') ??
    join(
      import.meta.dirname,
      '..',
      '..',
      'shared',
      'data',
      'cisa-kev',
      'known_exploited_vulnerabilities.json',
    );
  return JSON.parse(readFileSync(path, 'utf8'));
}

try {
  const snapshot = buildKevSnapshot(await feed());
  writeFileSync(KEV_FILE, formatKevSnapshot(snapshot));
  process.stdout.write(
    `wrote ${Object.keys(snapshot.cves).length} CVEs (catalog ${snapshot.catalogVersion}) to data/kev.json\n`,
  );
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
}
