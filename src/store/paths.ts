import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the local database lives: `--db PATH` wins, then `$ASSAY_DB`, then the XDG cache directory,
 * so CI jobs can cache one file and several checkouts share one download.
 */
export function resolveDbPath(
  explicit: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string {
  if (explicit !== undefined && explicit !== '') return explicit;
  const fromEnv = env['ASSAY_DB'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  const xdg = env['XDG_CACHE_HOME'];
  const cacheHome = xdg !== undefined && xdg !== '' ? xdg : join(env['HOME'] ?? homedir(), '.cache');
  return join(cacheHome, 'assay', 'assay.db');
}
