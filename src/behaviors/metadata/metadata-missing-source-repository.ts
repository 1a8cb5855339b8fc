import { defineBehavior } from '../../catalog/define.ts';
import type { Occurrence } from '../../catalog/types.ts';
import type { DeclaredUrl } from '../../metadata/types.ts';

/** Hosts that serve source repositories (matched with their subdomains). */
const REPOSITORY_HOSTS = [
  'github.com',
  'gitlab.com',
  'bitbucket.org',
  'codeberg.org',
  'sr.ht',
  'launchpad.net',
  'sourceforge.net',
  'gitee.com',
  'heptapod.net',
  'pagure.io',
  'savannah.gnu.org',
  'savannah.nongnu.org',
  'dev.azure.com',
  'visualstudio.com',
  'googlesource.com',
  'framagit.org',
  'notabug.org',
  'gitea.com',
] as const;

/** Labels that say "this is the code", whatever host it is on. */
const REPOSITORY_LABEL =
  /^(?:source(?:[-_ ]?code)?|sources|repository|repo|code|git(?:hub|lab)?|bitbucket|vcs|scm|browse[-_ ]source|source[-_ ]repository|github[-_ ]repo)$/i;

/** npm shorthands: `github:user/repo`, `gitlab:…`, `bitbucket:…`, `gist:…` and bare `user/repo`. */
const NPM_SHORTHAND = /^(?:(?:github|gitlab|bitbucket|gist):)?[\w.-]+\/[\w.-]+$/i;

function hostOf(url: string): string | null {
  // git+ssh://git@github.com/x/y.git and git@github.com:x/y.git (scp-like) both name the host.
  const scp = /^[\w.-]+@([\w.-]+):/.exec(url);
  if (scp) return scp[1]!.toLowerCase();
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/:?#]+)/i.exec(url.trim());
  return m ? m[1]!.toLowerCase() : null;
}

function isRepositoryHost(host: string): boolean {
  if (REPOSITORY_HOSTS.some((h) => host === h || host.endsWith(`.${h}`))) return true;
  // Self-hosted forges are usually git.example.org, gitlab.example.org, gitea.example.org …
  return /^(?:git|gitlab|gitea|forgejo|cgit|hg|svn)\./.test(host);
}

function declaresRepository(url: DeclaredUrl): boolean {
  const value = url.url.trim();
  if (value === '') return false;
  const host = hostOf(value);
  if (host && isRepositoryHost(host)) return true;
  if (REPOSITORY_LABEL.test(url.label.trim())) {
    return host !== null || (url.label.toLowerCase() === 'repository' && NPM_SHORTHAND.test(value));
  }
  return false;
}

export const metadataMissingSourceRepository = defineBehavior({
  id: 'metadata-missing-source-repository',
  category: 'metadata',
  title: 'Declares no source code repository in its metadata.',
  description:
    'Reads every URL declared in the package metadata (Home-page, Download-URL and Project-URL of ' +
    'METADATA/PKG-INFO, project.urls of pyproject.toml, setup.cfg and setup.py url fields, the npm ' +
    '`repository` and `homepage` fields) and reports the package when none of them points to a ' +
    'source repository: a forge host (GitHub, GitLab, Bitbucket, Codeberg, SourceHut, Launchpad, ' +
    'SourceForge, Gitee …, or a self-hosted git.* / gitlab.* host) or a URL labelled Source, Repository or Code. ' +
    'The evidence names the metadata files that were read, or says that there was none.',
  problem:
    'Without a public repository there is no history to compare the published files with, no issue tracker ' +
    'and no way to tell whether the package was built from reviewed code. Malicious packages are usually ' +
    'published without one, or with a link that points to an unrelated popular project.',
  nextSteps: [
    'Look for the project’s source on the usual forges and compare it with the published files.',
    'Prefer packages that declare their repository and whose releases match tagged commits.',
  ],
  severity: 'low',
  references: {},
  ecosystems: ['pypi', 'npm'],
  detect: ({ snapshot }) => {
    const { metadata } = snapshot;
    if (metadata.urls.some(declaresRepository)) return [];
    if (metadata.sources.length === 0) {
      return [
        {
          file: snapshot.artifact.file,
          field: 'metadata',
          snippet: '',
          detail: 'no metadata file was found, so no repository is declared',
        },
      ];
    }
    const out: Occurrence[] = [];
    for (const source of metadata.sources) {
      const declared = metadata.urls.filter((url) => url.source.file === source.file);
      out.push({
        file: source.file,
        field: urlFieldName(source.kind),
        snippet: declared
          .map((url) => `${url.label}: ${url.url}`)
          .join('; ')
          .slice(0, 200),
        detail:
          declared.length === 0
            ? `${source.kind} declares no URL`
            : `${source.kind} declares ${declared.length} URL(s), none of a source repository`,
      });
    }
    return out;
  },
});

/** The field where each metadata format declares its URLs, for the evidence. */
function urlFieldName(kind: string): string {
  switch (kind) {
    case 'METADATA':
    case 'PKG-INFO':
    case 'egg-info':
      return 'Project-URL';
    case 'pyproject.toml':
      return 'project.urls';
    case 'setup.cfg':
      return 'metadata.project_urls';
    case 'setup.py':
      return 'project_urls';
    case 'package.json':
      return 'repository';
    default:
      return 'urls';
  }
}
