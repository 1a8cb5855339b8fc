import { defineBehavior } from '../../catalog/define.ts';
import type { Occurrence } from '../../catalog/types.ts';
import { readNpmManifestFields } from '../../metadata/npm/package-json.ts';
import { parseIntegrity } from '../../sources/hash.ts';

/** The registry's `dist` digests of the version, as hex: sha512 from the SRI string, sha1 from `shasum`. */
function registryDigests(manifest: Readonly<Record<string, unknown>>): { sha512?: string; sha1?: string } {
  const dist = manifest['dist'];
  if (typeof dist !== 'object' || dist === null) return {};
  const { integrity, shasum } = dist as { integrity?: unknown; shasum?: unknown };
  const out: { sha512?: string; sha1?: string } = {};
  const sha512 =
    typeof integrity === 'string'
      ? parseIntegrity(integrity).find((entry) => entry.algorithm === 'sha512')
      : undefined;
  if (sha512 !== undefined) out.sha512 = sha512.digest.toString('hex');
  if (typeof shasum === 'string' && /^[0-9a-f]{40}$/i.test(shasum)) out.sha1 = shasum.toLowerCase();
  return out;
}

const short = (hex: string) => `${hex.slice(0, 12)}…`;

export const tarballDiffersFromRegistry = defineBehavior({
  id: 'tarball-differs-from-registry',
  category: 'anomaly',
  ecosystems: ['npm'],
  title: 'The npm tarball is not the one the registry publishes for this version.',
  description:
    'When a local npm tarball is scanned with registry checks on, hashes its bytes and compares them with the ' +
    '`dist.integrity` (sha512) and `dist.shasum` (sha1) the registry lists for the same name and version. Any ' +
    'difference is reported; the evidence names both digests. Registry downloads are checked when they arrive ' +
    'and never reach a scan when they differ.',
  problem:
    'A tarball that claims a published name and version but has other bytes was rebuilt or changed after ' +
    'publication: a mirror, a cache or an attacker in between served something the maintainers never released.',
  nextSteps: [
    'Download the version again from the registry and compare the two tarballs file by file.',
    'Find where this copy came from (mirror, proxy, vendored folder) and stop using that source.',
  ],
  severity: 'high',
  references: { cwe: ['CWE-354'] },
  detect: ({ snapshot }) => {
    const manifest = snapshot.registryManifest;
    const { sha512, sha1 } = snapshot.artifact;
    if (manifest === undefined || (sha512 === undefined && sha1 === undefined)) return [];
    const expected = registryDigests(manifest);
    const file = readNpmManifestFields(snapshot.files)?.file ?? snapshot.artifact.file;
    const out: Occurrence[] = [];
    const compare = (algorithm: 'sha512' | 'sha1', have: string | undefined, want: string | undefined) => {
      if (have === undefined || want === undefined || have === want) return;
      out.push({
        file,
        field: algorithm === 'sha512' ? 'dist.integrity' : 'dist.shasum',
        snippet: `${algorithm} of the tarball ${short(have)}, registry ${short(want)}`,
        detail: `${snapshot.name}@${snapshot.version}: the registry lists ${algorithm} ${want}, this file has ${have}`,
      });
    };
    compare('sha512', sha512, expected.sha512);
    // sha1 is weak: compared only when the registry gives no sha512, or as a second witness of a mismatch.
    if (expected.sha512 === undefined || out.length > 0) compare('sha1', sha1, expected.sha1);
    return out;
  },
});
