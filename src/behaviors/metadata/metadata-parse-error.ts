import { defineBehavior } from '../../catalog/define.ts';

export const metadataParseError = defineBehavior({
  id: 'metadata-parse-error',
  category: 'metadata',
  title: 'Has a metadata file that does not parse.',
  description:
    'Reports each package metadata file (package.json, METADATA, PKG-INFO, pyproject.toml, setup.cfg …) that ' +
    'could not be read as its format, is over a size limit, or holds more entries than are kept, with the ' +
    'reason. For a package.json that is not valid JSON the lifecycle scripts are still read tolerantly.',
  problem:
    'Installers refuse or misread a broken manifest, and different parsers repair it differently: an author ' +
    'can use that to show a scanner or a registry one set of scripts and dependencies while a lenient tool ' +
    'uses another. Published packages are written by tools, which do not produce such files.',
  nextSteps: [
    'Open the named file and look at what makes it fail; a stray comma next to a script deserves attention.',
    'Compare with the metadata the registry shows for this version.',
  ],
  severity: 'medium',
  references: { cwe: ['CWE-20'] },
  ecosystems: ['pypi', 'npm'],
  detect: ({ snapshot }) =>
    snapshot.metadata.parseErrors.slice(0, 50).map((error) => ({
      file: error.file,
      field: error.file.slice(error.file.lastIndexOf('/') + 1),
      snippet: error.message.slice(0, 200),
      detail: error.message.slice(0, 200),
    })),
});
