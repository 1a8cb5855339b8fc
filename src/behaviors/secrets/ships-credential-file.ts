import { defineBehavior } from '../../catalog/define.ts';
import { locatedDetail } from '../lib/occurrence.ts';
import { credentialFiles } from '../lib/secrets/leftovers.ts';

export const shipsCredentialFile = defineBehavior({
  id: 'ships-credential-file',
  category: 'secrets',
  ecosystems: ['pypi', 'npm'],
  title: 'Ships a file that holds a developer’s credentials.',
  description:
    'Reports environment files (.env, .env.production … but not .env.example or other templates) with a ' +
    'variable named like a secret, .npmrc files with a registry credential, .pypirc files with a password, ' +
    '.git-credentials and .netrc files, Terraform state with secret values, and shell or interpreter histories. ' +
    'The evidence shows the variable name, never its value.',
  problem:
    'These files exist to keep credentials out of code, on the developer’s machine. Published, they hand over ' +
    'the same credentials: registry tokens that can publish new versions, database passwords, cloud keys.',
  nextSteps: [
    'Rotate every credential in the file.',
    'Exclude such files from the build (files / .npmignore, MANIFEST.in) and publish again.',
  ],
  severity: 'medium',
  references: { cwe: ['CWE-538', 'CWE-798'] },
  detect: (context) =>
    credentialFiles(context.snapshot.files).map((leftover) => ({
      file: leftover.file,
      line: leftover.line,
      snippet: leftover.snippet,
      detail: locatedDetail(leftover.file, leftover.note),
    })),
});
