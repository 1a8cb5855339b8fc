import { defineBehavior } from '../../catalog/define.ts';
import { locatedDetail } from '../lib/occurrence.ts';
import { versionControlFolders } from '../lib/secrets/leftovers.ts';

export const shipsVersionControlData = defineBehavior({
  id: 'ships-version-control-data',
  category: 'secrets',
  ecosystems: ['pypi', 'npm'],
  title: 'Ships a version control folder (.git, .svn, .hg, .bzr or CVS).',
  description:
    'Reports each repository folder inside the package, once, when it holds the files that make it a repository ' +
    '(HEAD, config, objects/ for Git; wc.db for Subversion; store/ for Mercurial …), and says when a Git config ' +
    'names a remote.',
  problem:
    'A repository folder carries the whole history: deleted files, old secrets, unpublished branches, internal ' +
    'remote URLs and sometimes credentials in its config. It was almost certainly published by mistake.',
  nextSteps: [
    'Look through the history for secrets and internal data, and rotate what you find.',
    'Exclude the folder from the build (files / .npmignore, MANIFEST.in) and publish again.',
  ],
  severity: 'high',
  references: { cwe: ['CWE-527'] },
  detect: (context) =>
    versionControlFolders(context.snapshot.files).map((leftover) => ({
      file: leftover.file,
      line: 1,
      snippet: leftover.file,
      detail: locatedDetail(leftover.file, leftover.note),
    })),
});
