import type { AssayConfig } from '../config/types.ts';
import type { ScanCommandOptions } from './commands/scan.ts';

/**
 * Command-line options over assay.toml over built-in defaults: a value the user typed always wins, a value from
 * the config replaces only a built-in default.
 */
export function withConfigDefaults(
  options: ScanCommandOptions,
  config: AssayConfig,
  typed: (option: keyof ScanCommandOptions) => boolean,
): ScanCommandOptions {
  const defaults = config.defaults;
  const pick = <K extends keyof ScanCommandOptions>(key: K, value: ScanCommandOptions[K] | undefined) =>
    value === undefined || typed(key) ? {} : { [key]: value };
  return {
    ...options,
    ...pick('failOn', defaults.failOn),
    ...pick('format', defaults.format),
    ...pick('registryChecks', defaults.registryChecks),
    ...pick('offline', defaults.offline),
    ...pick('maxEvidence', defaults.maxEvidence),
    ...pick('baseline', defaults.baseline),
    ...pick('docsUrl', defaults.docsUrl),
  };
}
