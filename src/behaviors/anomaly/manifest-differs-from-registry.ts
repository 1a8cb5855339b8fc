import { defineBehavior } from '../../catalog/define.ts';
import { manifestDifferences } from '../../metadata/npm/manifest-confusion.ts';
import { lineOf, lineOfMember, readNpmManifestFields } from '../../metadata/npm/package-json.ts';
import { OccurrenceCollector } from '../lib/occurrence.ts';

function shown(value: string | undefined): string {
  if (value === undefined) return 'absent';
  return value.length > 80 ? `"${value.slice(0, 77)}..."` : `"${value}"`;
}

export const manifestDiffersFromRegistry = defineBehavior({
  id: 'manifest-differs-from-registry',
  category: 'anomaly',
  ecosystems: ['npm'],
  title: "The tarball's package.json differs from the registry's manifest.",
  description:
    "On scans of an npm registry package, compares the tarball's package.json with the manifest the registry " +
    'serves for the same version: name, version, lifecycle scripts, dependencies (optional ones included) and ' +
    'bins, after the normalisations npm publish itself makes.',
  problem:
    'npm install obeys the package.json inside the tarball, while the registry website, audit tools and many ' +
    'scanners read the manifest stored next to it, and the registry does not check that the two agree. A ' +
    'mismatch can hide an install script or a dependency from everything that reads only the registry.',
  nextSteps: [
    "Trust the tarball's package.json: it is what runs. Review any script or dependency found only there.",
    'Report a hidden install script or dependency to the registry.',
  ],
  severity: 'medium',
  references: { cwe: ['CWE-345'] },
  detect: ({ snapshot }) => {
    const registry = snapshot.registryManifest;
    if (registry === undefined) return [];
    const fields = readNpmManifestFields(snapshot.files);
    if (fields === undefined) return [];
    const root = fields.file.slice(0, fields.file.lastIndexOf('/') + 1);
    const gyp = snapshot.files.some((file) => file.path === `${root}binding.gyp`);
    const collector = new OccurrenceCollector();
    for (const difference of manifestDifferences(fields.json, registry, gyp)) {
      const [parent, member] = difference.field.split(/\.(.*)/s);
      const line =
        member !== undefined && member !== '' && difference.tarball !== undefined
          ? lineOfMember(fields.text, parent ?? '', member)
          : lineOf(fields.text, parent ?? difference.field);
      collector.add({
        file: fields.file,
        field: difference.field,
        ...(line !== undefined ? { line } : {}),
        snippet: `${difference.field}: tarball ${shown(difference.tarball)}, registry ${shown(difference.registry)}`,
        detail:
          difference.registry === undefined
            ? `${difference.field} is in the tarball only, hidden from the registry`
            : difference.tarball === undefined
              ? `${difference.field} is in the registry manifest only`
              : `${difference.field} differs between the tarball and the registry`,
      });
    }
    return collector.list();
  },
});
