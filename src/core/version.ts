import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding assay's package.json. Found by walking up, so that the same code works from the
 * TypeScript sources and from the bundle in dist/ (which sit at different depths).
 */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (
      existsSync(candidate) &&
      (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'assay'
    )
      return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('assay: cannot find its own package.json');
    dir = parent;
  }
}

/** The analyzer version; it also tags scan results and prevalence snapshots. */
export const ASSAY_VERSION: string = (
  JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { version: string }
).version;
