/**
 * Opens the community index a location names: a `postgres://` URL (a team's or a registry-scale index),
 * otherwise a SQLite file (the default, one user).
 */
import { isPostgresUrl } from '../../store/postgres.ts';
import { asyncIndex } from './async.ts';
import { openPostgresIndex } from './postgres.ts';
import { openCommunityStore } from './sqlite.ts';
import type { CommunityIndex } from './types.ts';

export async function openCommunityIndex(location: string): Promise<CommunityIndex> {
  if (isPostgresUrl(location)) return openPostgresIndex(location);
  return asyncIndex(openCommunityStore(location));
}
