import type { Ecosystem } from '../../metadata/types.ts';

/** Where a component came from: the registry, or a direct reference that bypasses it. */
export type ComponentSource = 'registry' | 'url' | 'vcs' | 'path';

/** One dependency of a scanned project, as a manifest or a lockfile states it. */
export interface Component {
  readonly ecosystem: Ecosystem;
  /** The name as written (for an npm alias, the real package name, not the alias). */
  readonly name: string;
  /** PEP 503 normalized for PyPI; the name itself for npm. */
  readonly normalizedName: string;
  /** The resolved exact version, when the file pins or locks one. */
  readonly version?: string;
  /** The requested range as written, when the file has one. */
  readonly specifier?: string;
  /** True when `version` is an exact resolved version (a lockfile entry or `==1.2.3`). */
  readonly pinned: boolean;
  readonly source: ComponentSource;
  /** The URL, VCS reference or path of a non-registry component, or a lockfile's resolved tarball URL. */
  readonly url?: string;
  /** npm Subresource Integrity string (`sha512-…`). */
  readonly integrity?: string;
  /** Hashes as `algorithm:hex` (pip `--hash=`, lockfile file hashes). */
  readonly hashes?: readonly string[];
  /** The license the lockfile records for it (package-lock v2/v3 copy each package.json's `license`). */
  readonly license?: string;
  /** The npm alias under which it is installed (`"alias": "npm:real@1"`). */
  readonly alias?: string;
  /** PEP 508 environment marker as written. */
  readonly marker?: string;
  readonly dev: boolean;
  /** Declared by the project itself rather than pulled in by another dependency. */
  readonly direct: boolean;
  readonly declaredIn: { readonly file: string; readonly line?: number };
  /**
   * The other places the same package (same name, version and origin) is declared or installed: npm installs one
   * copy per `node_modules` path, a Pipfile may list a package in both sections. One component keeps them all.
   */
  readonly alsoDeclaredIn?: readonly { readonly file: string; readonly line?: number }[];
  /** PEP 508 extras requested (`requests[socks]`). */
  readonly extras?: readonly string[];
}

export type ManifestFormat =
  | 'requirements.txt'
  | 'pyproject.toml'
  | 'setup.cfg'
  | 'poetry.lock'
  | 'pdm.lock'
  | 'uv.lock'
  | 'Pipfile.lock'
  | 'pylock.toml'
  | 'package.json'
  | 'package-lock.json'
  | 'npm-shrinkwrap.json'
  | 'yarn.lock'
  | 'pnpm-lock.yaml';

export interface ProjectFile {
  readonly file: string;
  readonly format: ManifestFormat;
  readonly kind: 'lockfile' | 'manifest';
}

export interface Project {
  /** Ecosystems present among the components (each component also carries its own). */
  readonly ecosystems: readonly Ecosystem[];
  /** Every file read, including `-r` / `-c` includes. */
  readonly files: readonly string[];
  /** The main file of each ecosystem that was used, and whether it is a lockfile or a manifest. */
  readonly used: readonly ProjectFile[];
  readonly components: readonly Component[];
  /** Things worth telling the user: a manifest beside the chosen lockfile that was not used, a skipped include … */
  readonly notes: readonly string[];
  /** What could not be read or was refused; empty when the components are the whole project. */
  readonly problems: readonly ManifestProblem[];
}

/**
 * Something in a manifest that assay could not follow, or refused to: the components it lists are then not the
 * whole project, and the report must say so.
 */
export interface ManifestProblem {
  readonly file: string;
  readonly line?: number;
  readonly kind:
    | 'include-outside-project'
    | 'include-missing'
    | 'unexpanded-variable'
    | 'too-many-components';
  readonly message: string;
}

/** What one parser returns for one file. */
export interface ParsedFile {
  readonly components: Component[];
  /** Extra files read (requirements includes). */
  readonly files?: string[];
  readonly notes?: string[];
  readonly problems?: ManifestProblem[];
}

/** Names the project declares itself, read from the manifest beside a lockfile that does not say. */
export interface DirectNames {
  readonly prod: ReadonlySet<string>;
  readonly dev: ReadonlySet<string>;
  /** The range each name is requested with (npm), so a lockfile entry can be matched by `name@range`. */
  readonly specs?: ReadonlyMap<string, string>;
}
