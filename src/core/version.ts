import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The analyzer version; it also tags scan results and prevalence snapshots. */
export const ASSAY_VERSION: string = (
  JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
    version: string;
  }
).version;
