/**
 * CISA's Known Exploited Vulnerabilities catalog (CC0), shipped as a compact snapshot in data/kev.json: the CVEs
 * that attackers are known to exploit, when CISA added each, the patch deadline it set for US federal agencies, and
 * whether ransomware campaigns are known to use it. Vulnerability findings are marked with it after the look-up.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AssayError } from '../core/errors.ts';
import type { KevCatalogInfo, KnownExploited, VulnerabilityContext, VulnerabilityFinding } from './types.ts';

export const KEV_FILE = fileURLToPath(new URL('../../data/kev.json', import.meta.url));
export const KEV_SOURCE_URL =
  'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json';

/** [date added, due date, 1 when known to be used by ransomware campaigns else 0] */
type KevRow = readonly [string, string, 0 | 1];

export interface KevSnapshot {
  readonly source: string;
  readonly sourceUrl: string;
  readonly licence: string;
  readonly catalogVersion: string;
  readonly dateReleased: string;
  readonly cves: Readonly<Record<string, KevRow>>;
}

interface FeedEntry {
  cveID?: unknown;
  dateAdded?: unknown;
  dueDate?: unknown;
  knownRansomwareCampaignUse?: unknown;
}

export function buildKevSnapshot(feed: unknown): KevSnapshot {
  const value = feed as { catalogVersion?: unknown; dateReleased?: unknown; vulnerabilities?: unknown };
  if (typeof value.catalogVersion !== 'string' || !Array.isArray(value.vulnerabilities))
    throw new Error('not a KEV catalog feed: catalogVersion or vulnerabilities is missing');
  const cves: Record<string, KevRow> = {};
  for (const entry of value.vulnerabilities as FeedEntry[]) {
    if (typeof entry.cveID !== 'string' || !/^CVE-\d{4}-\d+$/.test(entry.cveID)) continue;
    cves[entry.cveID] = [
      String(entry.dateAdded ?? ''),
      String(entry.dueDate ?? ''),
      entry.knownRansomwareCampaignUse === 'Known' ? 1 : 0,
    ];
  }
  return {
    source: 'CISA Known Exploited Vulnerabilities catalog',
    sourceUrl: KEV_SOURCE_URL,
    licence: 'CC0-1.0',
    catalogVersion: value.catalogVersion,
    dateReleased: String(value.dateReleased ?? '').slice(0, 10),
    cves,
  };
}

/** The snapshot's text: header fields, then one CVE per line in id order. */
export function formatKevSnapshot(snapshot: KevSnapshot): string {
  const ids = Object.keys(snapshot.cves).sort();
  const header = (['source', 'sourceUrl', 'licence', 'catalogVersion', 'dateReleased'] as const).map(
    (key) => `  ${JSON.stringify(key)}: ${JSON.stringify(snapshot[key])},`,
  );
  const rows = ids.map(
    (id, index) =>
      `    ${JSON.stringify(id)}: ${JSON.stringify(snapshot.cves[id])}${index < ids.length - 1 ? ',' : ''}`,
  );
  return `{\n${header.join('\n')}\n  "cves": {\n${rows.join('\n')}\n  }\n}\n`;
}

let loaded: KevSnapshot | undefined;

export function kevSnapshot(): KevSnapshot {
  if (loaded) return loaded;
  try {
    loaded = JSON.parse(readFileSync(KEV_FILE, 'utf8')) as KevSnapshot;
  } catch (error) {
    throw new AssayError('E_IO', `cannot read the KEV snapshot ${KEV_FILE}: ${(error as Error).message}`);
  }
  return loaded;
}

export function kevCatalogInfo(snapshot: KevSnapshot = kevSnapshot()): KevCatalogInfo {
  return {
    source: snapshot.source,
    catalogVersion: snapshot.catalogVersion,
    dateReleased: snapshot.dateReleased,
  };
}

/** The KEV entry of a finding, through its id or any CVE alias. */
export function knownExploitedOf(
  finding: Pick<VulnerabilityFinding, 'id' | 'aliases'>,
  snapshot: KevSnapshot = kevSnapshot(),
): KnownExploited | null {
  for (const id of [finding.id, ...finding.aliases]) {
    const row = snapshot.cves[id];
    if (row) return { cve: id, dateAdded: row[0], dueDate: row[1], ransomware: row[2] === 1 };
  }
  return null;
}

/**
 * Marks each finding that the catalog lists, and names the catalog, so that the policies and the report read the
 * same answer. A context without a database stays as it is: nothing was checked.
 */
export function withKnownExploited(
  context: VulnerabilityContext | undefined,
  snapshot?: KevSnapshot,
): VulnerabilityContext | undefined {
  if (context === undefined || context.database === null) return context;
  const kev = snapshot ?? kevSnapshot();
  return {
    ...context,
    knownExploitedCatalog: kevCatalogInfo(kev),
    findings: context.findings.map((finding) => {
      const entry = knownExploitedOf(finding, kev);
      return entry === null ? finding : { ...finding, knownExploited: entry };
    }),
  };
}
