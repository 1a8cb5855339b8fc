import { defineDiffFinding } from '../context.ts';
import type { DiffEvidence } from '../model.ts';

/** Files whose URLs are links for readers, not places the code connects to. */
const DOCUMENT =
  /(^|\/)(readme|changelog|changes|history|license|licence|notice|authors|contributing)[^/]*$|\.(md|markdown|rst|txt|html?|map|d\.ts)$/i;

/** Hosts that appear in code as names, not destinations (XML namespaces, documentation placeholders). */
const NOT_A_DESTINATION = /^(localhost|127\.0\.0\.1|0\.0\.0\.0|(.+\.)?example\.(com|org|net)|www\.w3\.org)$/i;

export const addsNetworkEndpoint = defineDiffFinding({
  id: 'adds-network-endpoint',
  title: 'The new version names a network host that the previous one did not.',
  severity: 'medium',
  problem:
    'Stolen data has to go somewhere: the update that adds exfiltration adds the host it sends to (a webhook, ' +
    "a paste site, a raw IP). A host that appears in the code of a release, and is not the project's own, is the " +
    'one line of a malicious update that cannot be hidden by renaming.',
  nextSteps: [
    'Find the code that uses the new URL and check what it sends there.',
    'Compare the host with the project homepage and repository; an unrelated host needs an explanation.',
  ],
  detect: (context) => {
    const declared = new Set(
      context.new.result.snapshot.metadata.urls
        .map((entry) => hostOf(entry.url))
        .filter((host) => host !== ''),
    );
    const before = new Set(context.old.result.facts.urls.map((url) => url.host.toLowerCase()));
    const out: DiffEvidence[] = [];
    const reported = new Set<string>();
    for (const url of context.new.result.facts.urls) {
      const host = url.host.toLowerCase();
      if (host === '' || before.has(host) || declared.has(host) || reported.has(host)) continue;
      if (NOT_A_DESTINATION.test(host)) continue;
      const file = context.relative('new', url.file);
      if (DOCUMENT.test(file)) continue;
      reported.add(host);
      out.push({
        file,
        ...(url.line === undefined ? {} : { line: url.line }),
        snippet: url.url,
        detail: `host ${host} is new in this version${url.encoding === 'plain' ? '' : ` (${url.encoding}-encoded)`}`,
      });
    }
    return out;
  },
});

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
}
