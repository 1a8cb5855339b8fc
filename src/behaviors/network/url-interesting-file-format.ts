import { defineBehavior } from '../../catalog/define.ts';
import { interestingExtension } from '../lib/url-classify.ts';
import { urlOccurrences } from '../lib/url-evidence.ts';

export const urlInterestingFileFormat = defineBehavior({
  id: 'url-interesting-file-format',
  category: 'network',
  title: 'Contains a URL that points to an executable, script, installer or archive.',
  description:
    'Looks at the last path segment of every URL found in the package (source, data, documentation and the ' +
    'strings of binaries) and reports those that end in an extension of a program, a script, an installer or ' +
    'an archive: .exe, .dll, .msi, .bat, .ps1, .vbs, .sh, .apk, .jar, .dmg, .deb, .rpm, .zip, .rar, .7z, ' +
    '.tar.gz, .bin, .so and similar. The query string and fragment are ignored, so `/download/` or a `.shop` ' +
    'domain do not count. A double extension such as `report.pdf.exe` is named in the detail.',
  problem:
    'A package that carries the address of a program or archive may fetch and run it after installation, ' +
    'outside anything the registry or a reviewer saw: that is how most droppers work. Release downloads of ' +
    'the project itself are common and harmless, which is why this is only an indicator.',
  nextSteps: [
    'Check who hosts each file and whether the project documents why it is needed.',
    'Look for code that downloads the URL and then writes, unpacks or executes the result.',
    'Prefer dependencies that ship their binaries inside the package or build them from source.',
  ],
  severity: 'low',
  references: {},
  ecosystems: ['pypi', 'npm'],
  detect: ({ facts }) =>
    urlOccurrences(facts.urls, (url) => {
      const found = interestingExtension(url.url);
      if (!found) return null;
      return found.decoy
        ? `links to a .${found.extension} file disguised with a .${found.decoy} extension before it`
        : `links to a .${found.extension} file`;
    }),
});
