import type { AssayConfig } from '../config/types.ts';

/** The scan options that assay.toml can give a default to. */
export interface ConfigurableOptions {
  readonly failOn: 'warning' | 'fail' | 'never' | 'pass';
  readonly format: NonNullable<AssayConfig['defaults']['format']>;
  readonly registryChecks?: boolean;
  readonly offline?: boolean;
  readonly maxEvidence: number;
  readonly baseline?: string;
  readonly docsUrl?: string;
}

/**
 * Command-line options over assay.toml over built-in defaults: a value the user typed always wins, a value from
 * the config replaces only a built-in default.
 */
export function withConfigDefaults<T extends ConfigurableOptions>(
  options: T,
  config: AssayConfig,
  typed: (option: keyof ConfigurableOptions) => boolean,
): T {
  const defaults = config.defaults;
  const pick = <K extends keyof ConfigurableOptions>(key: K, value: ConfigurableOptions[K] | undefined) =>
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
