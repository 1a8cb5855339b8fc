import { INSTALL_SCRIPTS } from '../../behaviors/lib/npm.ts';
import type { PackageSnapshot } from '../../metadata/snapshot.ts';
import type { FieldSource } from '../../metadata/types.ts';

export interface InstallHook {
  readonly name: string;
  readonly command: string;
  readonly source: FieldSource;
}

/**
 * What runs when the package is installed: npm's preinstall / install / postinstall (npm runs them for every
 * registry dependency), and for PyPI the setup.py commands a `cmdclass` replaces (pip runs setup.py for sdists).
 */
export function installHooks(snapshot: PackageSnapshot): ReadonlyMap<string, InstallHook> {
  const out = new Map<string, InstallHook>();
  if (snapshot.ecosystem === 'npm') {
    for (const script of snapshot.metadata.scripts) {
      if (INSTALL_SCRIPTS.includes(script.name)) out.set(`scripts.${script.name}`, script);
    }
  } else {
    for (const override of snapshot.metadata.commandOverrides) {
      out.set(`cmdclass.${override.command}`, {
        name: override.command,
        command: override.handler,
        source: override.source,
      });
    }
  }
  return out;
}
