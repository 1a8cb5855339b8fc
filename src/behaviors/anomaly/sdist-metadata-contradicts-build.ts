import { defineBehavior } from '../../catalog/define.ts';
import { sdistContradictions } from '../lib/integrity/sdist-metadata.ts';
import { MAX_OCCURRENCES } from '../lib/occurrence.ts';

export const sdistMetadataContradictsBuild = defineBehavior({
  id: 'sdist-metadata-contradicts-build',
  category: 'anomaly',
  ecosystems: ['pypi'],
  title: 'Has a PKG-INFO that contradicts the metadata its build produces.',
  description:
    'Compares the PKG-INFO at the root of a source distribution with the [project] table of its pyproject.toml: ' +
    'name and version (which may never be dynamic), and, when PKG-INFO is core metadata 2.2 or later and neither ' +
    'side marks the requirements dynamic, the runtime requirements on each side. Evidence points at the ' +
    'pyproject.toml line (or the PKG-INFO line for a requirement only PKG-INFO declares).',
  problem:
    'Resolvers, indexes and scanners read PKG-INFO without building; pip installs whatever the build produces. A ' +
    'build that names another package, another version, or a requirement PKG-INFO does not mention installs ' +
    'something that no reader of the metadata was told about.',
  nextSteps: [
    'Build a wheel from the sdist in a sandbox and compare its METADATA with PKG-INFO.',
    'Treat a requirement that only the build declares as unreviewed code and look it up before installing.',
  ],
  severity: 'medium',
  references: { cwe: ['CWE-345'] },
  detect: ({ snapshot }) =>
    sdistContradictions(snapshot.files)
      .slice(0, MAX_OCCURRENCES)
      .map((contradiction) => ({
        file: contradiction.file,
        ...(contradiction.line === undefined ? {} : { line: contradiction.line }),
        field: contradiction.field,
        snippet: contradiction.snippet,
        detail: contradiction.detail,
      })),
});
