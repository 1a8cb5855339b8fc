import type { IssueLevel } from '../catalog/engine.ts';
import type { ReportSuppressionEntry } from '../report/model.ts';
import type { OutputFormat } from '../report/render.ts';

export type { IssueLevel };
export const ISSUE_LEVELS: readonly IssueLevel[] = ['off', 'info', 'warning', 'fail'];

export type ProfileName = 'minimal' | 'baseline' | 'hardened';
export const PROFILE_NAMES: readonly ProfileName[] = ['minimal', 'baseline', 'hardened'];

/** One accepted finding, with who accepted it, why, and until when (see ReportSuppressionEntry). */
export type SuppressionEntry = ReportSuppressionEntry;

export interface PolicyLists {
  readonly packages: readonly string[];
  readonly hosts: readonly string[];
  readonly licenses: readonly string[];
}

/** assay.toml, validated. Every field is optional in the file; defaults are applied here. */
export interface AssayConfig {
  /** The file read, or undefined when no config file was found. */
  readonly file?: string;
  readonly profile: ProfileName;
  readonly levels: Readonly<Record<string, IssueLevel>>;
  readonly allow: PolicyLists;
  readonly deny: PolicyLists;
  readonly suppressions: readonly SuppressionEntry[];
  /** Defaults of command-line options; an option given on the command line wins. */
  readonly defaults: {
    readonly failOn?: 'warning' | 'fail' | 'never';
    readonly format?: OutputFormat;
    readonly registryChecks?: boolean;
    readonly offline?: boolean;
    readonly maxEvidence?: number;
    readonly baseline?: string;
    readonly docsUrl?: string;
  };
}

export const EMPTY_LISTS: PolicyLists = { packages: [], hosts: [], licenses: [] };

export const DEFAULT_CONFIG: AssayConfig = {
  profile: 'baseline',
  levels: {},
  allow: EMPTY_LISTS,
  deny: EMPTY_LISTS,
  suppressions: [],
  defaults: {},
};
