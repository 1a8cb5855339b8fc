import type { BehaviorDefinition } from '../../catalog/types.ts';
import { changesPowerSettings } from './changes-power-settings.ts';
import { checksLocaleOrGeolocation } from './checks-locale-or-geolocation.ts';
import { modifiesCertificateStore } from './modifies-certificate-store.ts';
import { modifiesNetworkSettings } from './modifies-network-settings.ts';
import { queriesPlatform } from './queries-platform.ts';
import { queriesSystemTime } from './queries-system-time.ts';
import { readsEnvironmentVariables } from './reads-environment-variables.ts';
import { weakensSecuritySettings } from './weakens-security-settings.ts';

/** Behaviors of the 'settings' category, in the order they are listed in docs. */
export const settingsBehaviors: readonly BehaviorDefinition[] = [
  readsEnvironmentVariables,
  queriesSystemTime,
  queriesPlatform,
  checksLocaleOrGeolocation,
  changesPowerSettings,
  modifiesCertificateStore,
  modifiesNetworkSettings,
  weakensSecuritySettings,
];
