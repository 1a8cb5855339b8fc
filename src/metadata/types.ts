/** One normalized view of a package's declared metadata, whichever files it came from. */

export type Ecosystem = 'pypi' | 'npm';

export type MetadataSourceKind =
  | 'METADATA'
  | 'PKG-INFO'
  | 'egg-info'
  | 'pyproject.toml'
  | 'setup.cfg'
  | 'setup.py'
  | 'package.json';

/** Where a value was read: the file and the field, and the line when known. */
export interface FieldSource {
  readonly file: string;
  readonly field: string;
  readonly line?: number;
}

export interface MetadataSource {
  readonly file: string;
  readonly kind: MetadataSourceKind;
}

export type DependencyKind = 'runtime' | 'optional' | 'dev' | 'build' | 'peer' | 'bundled';

export interface Dependency {
  /** Name as written. */
  readonly name: string;
  /** PEP 503 normalized name for PyPI; the name itself for npm. */
  readonly normalizedName: string;
  readonly extras: readonly string[];
  /** Version specifier as written ('' when none): PEP 440 for PyPI, a semver range for npm. */
  readonly specifier: string;
  readonly marker?: string;
  /** A direct reference (PEP 508 `name @ url`, npm URL / git / file specs). */
  readonly url?: string;
  readonly kind: DependencyKind;
  /** The optional-dependency group (PyPI extra) it belongs to. */
  readonly group?: string;
  readonly raw: string;
  readonly source: FieldSource;
}

export interface DeclaredUrl {
  /** The label as declared: 'Home-page', 'Source', 'repository', 'Download-URL' ... */
  readonly label: string;
  readonly url: string;
  readonly source: FieldSource;
}

export interface Person {
  readonly name?: string;
  readonly email?: string;
  readonly source: FieldSource;
}

export interface EntryPoint {
  readonly group: string;
  readonly name: string;
  readonly value: string;
  readonly source: FieldSource;
}

/** A command the package declares: npm lifecycle scripts and bins, Python `scripts=`. */
export interface DeclaredScript {
  readonly name: string;
  readonly command: string;
  readonly source: FieldSource;
}

/** A setup.py `cmdclass` override: code that replaces a setuptools command (install, develop …). */
export interface CommandOverride {
  readonly command: string;
  readonly handler: string;
  readonly source: FieldSource;
}

/** Two sources that state different values for one field; both are kept. */
export interface MetadataConflict {
  readonly field: string;
  readonly values: readonly { readonly value: string; readonly source: FieldSource }[];
}

export interface MetadataParseError {
  readonly file: string;
  readonly message: string;
  /** Set when the file was read only in part because of a limit: the scan then says it is incomplete. */
  readonly truncated?: {
    readonly limit: 'metadata-bytes' | 'metadata-entries';
    readonly max: number;
    readonly observed: number;
  };
}

export interface PackageMetadata {
  readonly ecosystem: Ecosystem;
  readonly name?: string;
  /** PEP 503 form of `name` for PyPI (lower case, runs of `-_.` as one `-`); the name itself for npm. */
  readonly normalizedName?: string;
  readonly version?: string;
  readonly summary?: string;
  readonly description?: string;
  readonly license?: string;
  readonly requiresPython?: string;
  readonly authors: readonly Person[];
  readonly maintainers: readonly Person[];
  /** Every URL declared in a metadata field (home page, project URLs, repository, download …). */
  readonly urls: readonly DeclaredUrl[];
  readonly dependencies: readonly Dependency[];
  readonly entryPoints: readonly EntryPoint[];
  readonly scripts: readonly DeclaredScript[];
  readonly commandOverrides: readonly CommandOverride[];
  /** PEP 517 build backend (pyproject `[build-system] build-backend`). */
  readonly buildBackend?: string;
  /** Import names the package installs, from egg-info / dist-info top_level.txt (PyPI). */
  readonly topLevelModules?: readonly string[];
  readonly sources: readonly MetadataSource[];
  readonly conflicts: readonly MetadataConflict[];
  readonly parseErrors: readonly MetadataParseError[];
}

export function emptyMetadata(ecosystem: Ecosystem): PackageMetadata {
  return {
    ecosystem,
    authors: [],
    maintainers: [],
    urls: [],
    dependencies: [],
    entryPoints: [],
    scripts: [],
    commandOverrides: [],
    sources: [],
    conflicts: [],
    parseErrors: [],
  };
}
