import { definePolicy } from '../../catalog/define.ts';
import type { IssueEvidence, Occurrence } from '../../catalog/types.ts';
import { evidenceOf, isLocalOccurrence, MAX_POLICY_EVIDENCE } from '../lib/url-evidence.ts';

/** Destinations that are worth a look on their own. */
const DESTINATION_BEHAVIORS = [
  'url-messaging-webhook',
  'url-paste-site',
  'url-tunnel-or-dynamic-dns',
  'url-ip-literal',
  'url-shortener',
  'url-package-publishing-api',
  'url-coin-mixer',
  'url-file-sharing-download',
  'url-whatsapp-api',
] as const;

/** Indicators that only count when they land on the same URL as another one. */
const SUPPORTING_BEHAVIORS = [
  'url-nonstandard-port',
  'url-suspicious-tld',
  'url-interesting-file-format',
  'url-encoded',
  'url-raw-content-host',
  'url-suspicious-path-component',
  'url-credential-query-parameter',
  'url-serverless-host',
] as const;

function locationKey(occurrence: Occurrence): string {
  return `${occurrence.file}\u0000${occurrence.line ?? ''}\u0000${occurrence.column ?? ''}\u0000${occurrence.snippet}`;
}

export const riskyUrlDestination = definePolicy({
  id: 'risky-url-destination',
  category: 'hunting',
  title: 'Contains URLs of services that attackers use to stage payloads or collect data.',
  description:
    'Raised when the package names a chat webhook or request collector, a paste or file-drop site, a tunnel ' +
    'or dynamic DNS host, a public IP address, a link shortener, a registry publishing API, a cryptocurrency mixer, ' +
    'a cloud-drive direct download or a WhatsApp gateway. A deployment on a free serverless platform ' +
    '(workers.dev, vercel.app …) only counts beside another indicator on the same URL. The severity rises to ' +
    'medium when the code sends data it collected to such a host, or when one URL combines two or more URL ' +
    'indicators (for example an IP address with a ' +
    'non-standard port and an executable download, or an encoded webhook); a raw-content host does not ' +
    'count toward a combination, since raw links to install scripts are everywhere.',
  problem:
    'Each of these services lets someone host or receive data without a lasting identity, which is why ' +
    'droppers and stealers rely on them. Libraries that integrate with the same services mention them too, ' +
    'so a single indicator is a lead; several on one URL rarely have an innocent explanation.',
  nextSteps: [
    'Start with the URLs that combine several indicators and find the code that uses them.',
    'Check whether that code runs at install or import time and what it sends or downloads.',
  ],
  severity: 'low',
  riskLabel: 'Causes risk: untrusted network destinations',
  references: {},
  uses: [...DESTINATION_BEHAVIORS, ...SUPPORTING_BEHAVIORS, 'sends-data-to-disposable-host'],
  evaluate: (context) => {
    const perUrl = new Map<string, { behaviors: Set<string>; evidence: IssueEvidence[] }>();
    let destinations = 0;
    for (const id of [...DESTINATION_BEHAVIORS, ...SUPPORTING_BEHAVIORS]) {
      const hit = context.behaviors.get(id);
      if (!hit) continue;
      for (const occurrence of hit.occurrences) {
        if (isLocalOccurrence(occurrence)) continue;
        const key = locationKey(occurrence);
        const entry = perUrl.get(key) ?? { behaviors: new Set<string>(), evidence: [] };
        entry.behaviors.add(id);
        entry.evidence.push(evidenceOf(id, occurrence));
        perUrl.set(key, entry);
        if ((DESTINATION_BEHAVIORS as readonly string[]).includes(id)) destinations++;
      }
    }
    // A raw GitHub link to install.sh is both raw content and a script download on nearly every README:
    // raw-content hosting does not count toward a combination.
    const combined = [...perUrl.values()].filter(
      (entry) => entry.behaviors.size - (entry.behaviors.has('url-raw-content-host') ? 1 : 0) >= 2,
    );
    // Data the code sends to such a host says more than any number of mentions.
    const sent = context.behaviors.get('sends-data-to-disposable-host')?.occurrences ?? [];
    if (sent.length > 0) {
      return {
        evidence: sent
          .map((occurrence) => evidenceOf('sends-data-to-disposable-host', occurrence))
          .slice(0, MAX_POLICY_EVIDENCE),
        severity: 'medium',
        detail: `the code sends data to ${sent.length} disposable host location(s)`,
      };
    }
    if (destinations === 0 && combined.length === 0) return null;
    if (combined.length > 0) {
      return {
        evidence: combined.flatMap((entry) => entry.evidence).slice(0, MAX_POLICY_EVIDENCE),
        severity: 'medium',
        detail: `${combined.length} URL(s) combine several indicators`,
      };
    }
    const evidence = [...perUrl.values()]
      .filter((entry) =>
        [...entry.behaviors].some((id) => (DESTINATION_BEHAVIORS as readonly string[]).includes(id)),
      )
      .flatMap((entry) => entry.evidence)
      .slice(0, MAX_POLICY_EVIDENCE);
    return { evidence };
  },
});
