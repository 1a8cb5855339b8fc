import type { BehaviorDefinition } from '../../catalog/types.ts';
import { checksLocaleOrGeolocation } from './checks-locale-or-geolocation.ts';
import { queriesPlatform } from './queries-platform.ts';
import { queriesSystemTime } from './queries-system-time.ts';
import { readsEnvironmentVariables } from './reads-environment-variables.ts';

/** Behaviors of the 'settings' category, in the order they are listed in docs. */
export const settingsBehaviors: readonly BehaviorDefinition[] = [
  readsEnvironmentVariables,
  queriesSystemTime,
  queriesPlatform,
  checksLocaleOrGeolocation,
];
