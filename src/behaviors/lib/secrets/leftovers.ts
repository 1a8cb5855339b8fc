/**
 * Files that leak how and where a package was built: version control folders, debug symbol databases, files that
 * hold a developer's credentials, and editor or operating system leftovers.
 */
import type { PackageFile } from '../../../artifacts/types.ts';
import { innerPath } from '../../../catalog/lib/location.ts';

export interface Leftover {
  readonly file: string;
  readonly note: string;
}

const VCS_DIR = /(?:^|\/)(\.git|\.svn|\.hg|\.bzr|CVS)\/(.+)$/;
/** Files that show the folder is a real repository, not a folder that happens to share the name. */
const VCS_MARKERS: Record<string, RegExp> = {
  '.git': /^(?:HEAD|config|index|objects\/|refs\/|packed-refs)/,
  '.svn': /^(?:wc\.db|entries|pristine\/)/,
  '.hg': /^(?:requires|store\/|dirstate|hgrc)/,
  '.bzr': /^(?:branch-format|checkout\/|repository\/)/,
  CVS: /^(?:Root|Entries|Repository)$/,
};

/** One finding per repository folder, on its most telling file. */
export function versionControlFolders(files: readonly PackageFile[]): Leftover[] {
  const seen = new Map<string, Leftover>();
  for (const file of files) {
    const match = VCS_DIR.exec(innerPath(file.path));
    if (!match) continue;
    const [whole, kind = '', rest = ''] = match;
    const folder =
      file.path.slice(0, file.path.length - whole.length + (whole.startsWith('/') ? 1 : 0)) + kind;
    if (seen.has(folder) || !VCS_MARKERS[kind]?.test(rest)) continue;
    const hasRemote = kind === '.git' && rest === 'config' && /\[remote /.test(file.data.toString('latin1'));
    seen.set(folder, {
      file: file.path,
      note: `${kind} repository folder ${folder}${hasRemote ? ' (its config names a remote)' : ''}`,
    });
  }
  return [...seen.values()];
}

const PDB_MAGIC = 'Microsoft C/C++ MSF 7.00';

export function debugDatabases(files: readonly PackageFile[]): Leftover[] {
  const out: Leftover[] = [];
  const dsyms = new Set<string>();
  for (const file of files) {
    const path = innerPath(file.path);
    if (/\.pdb$/i.test(path) && file.data.toString('latin1', 0, PDB_MAGIC.length) === PDB_MAGIC)
      out.push({ file: file.path, note: 'Windows program database (debug symbols)' });
    const dsym = /^(.*?\.dSYM)\//.exec(path)?.[1];
    if (dsym && !dsyms.has(dsym)) {
      dsyms.add(dsym);
      out.push({ file: file.path, note: `macOS debug symbol bundle ${dsym}` });
    }
    if (/\.(ilk|idb)$/i.test(path))
      out.push({ file: file.path, note: 'Visual C++ incremental build database' });
  }
  return out;
}

/** The template of an environment file is documentation; the file itself holds someone's values. */
const ENV_FILE = /(?:^|\/)\.env(?:\.(?!example$|sample$|template$|dist$|defaults?$|schema$|tpl$)[\w-]+)?$/i;

export interface CredentialFile extends Leftover {
  readonly line: number;
  readonly snippet: string;
}

function firstLine(text: string, pattern: RegExp): { line: number; text: string } | null {
  const lines = text.split('\n');
  const index = lines.findIndex((line) => pattern.test(line));
  return index === -1 ? null : { line: index + 1, text: (lines[index] ?? '').trim() };
}

function masked(line: string): string {
  const at = line.search(/[=:]/);
  return at === -1 ? line.slice(0, 60) : `${line.slice(0, at + 1).trim()} …`;
}

/** Files that exist to hold credentials, when they hold some: the value is never shown. */
export function credentialFiles(files: readonly PackageFile[]): CredentialFile[] {
  const out: CredentialFile[] = [];
  for (const file of files) {
    const path = innerPath(file.path);
    const base = path.slice(path.lastIndexOf('/') + 1);
    const rule: { pattern: RegExp; note: string } | null = ENV_FILE.test(path)
      ? {
          pattern:
            /^\s*(?:export\s+)?[A-Z0-9_]*(?:KEY|TOKEN|SECRET|PASS(?:WORD)?|PWD|AUTH|CREDENTIALS?)[A-Z0-9_]*\s*=\s*["']?[^\s"'$#{<]{6,}/i,
          note: 'environment file with a secret-named variable',
        }
      : base === '.npmrc'
        ? {
            pattern: /_(?:authToken|auth|password)\s*=\s*[^\s$]{6,}/,
            note: '.npmrc with a registry credential',
          }
        : base === '.pypirc'
          ? { pattern: /^\s*password\s*[=:]\s*[^\s%$]{4,}/i, note: '.pypirc with an upload password' }
          : base === '.git-credentials' || base === '.netrc'
            ? { pattern: /:\/\/[^\s:]+:[^\s@]+@|password\s+\S+/, note: `${base} with stored passwords` }
            : /\.tfstate$/.test(base)
              ? {
                  pattern: /"(?:password|secret|access_key|private_key)"\s*:\s*"[^"]{4,}"/,
                  note: 'Terraform state with secret values',
                }
              : /^\.(?:bash|zsh|sh|python|node_repl|psql|mysql)_history$/.test(base)
                ? { pattern: /\S/, note: 'shell or interpreter history' }
                : null;
    if (!rule || file.data.length > 1024 * 1024 || file.data.subarray(0, 512).includes(0)) continue;
    const hit = firstLine(file.data.toString('latin1'), rule.pattern);
    if (hit) out.push({ file: file.path, line: hit.line, snippet: masked(hit.text), note: rule.note });
  }
  return out;
}

const EDITOR_LEFTOVER: readonly { pattern: RegExp; note: string }[] = [
  { pattern: /(?:^|\/)\.[^/]+\.sw[opn]$/, note: 'Vim swap file' },
  { pattern: /(?:^|\/)\.DS_Store$/, note: 'macOS folder metadata (.DS_Store)' },
  { pattern: /(?:^|\/)\.idea\/workspace\.xml$/, note: 'JetBrains workspace settings' },
  { pattern: /(?:^|\/)#[^/]+#$/, note: 'Emacs autosave file' },
  { pattern: /\.(?:orig|rej)$/, note: 'leftover of a merge or patch' },
  {
    pattern: /(?:^|\/)(?:npm-debug\.log|yarn-error\.log|\.coverage|nohup\.out)$/,
    note: 'log or coverage file of a local run',
  },
];

export function editorLeftovers(files: readonly PackageFile[]): Leftover[] {
  const out: Leftover[] = [];
  for (const file of files) {
    const path = innerPath(file.path);
    const rule = EDITOR_LEFTOVER.find((candidate) => candidate.pattern.test(path));
    if (rule) out.push({ file: file.path, note: rule.note });
  }
  return out;
}
