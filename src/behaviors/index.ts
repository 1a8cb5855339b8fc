import type { BehaviorDefinition } from '../catalog/types.ts';
import { anomalyBehaviors } from './anomaly/index.ts';
import { behaviorBehaviors } from './behavior/index.ts';
import { evasionBehaviors } from './evasion/index.ts';
import { executionBehaviors } from './execution/index.ts';
import { fileBehaviors } from './file/index.ts';
import { licensesBehaviors } from './licenses/index.ts';
import { metadataBehaviors } from './metadata/index.ts';
import { networkBehaviors } from './network/index.ts';
import { permissionsBehaviors } from './permissions/index.ts';
import { persistenceBehaviors } from './persistence/index.ts';
import { searchBehaviors } from './search/index.ts';
import { secretsBehaviors } from './secrets/index.ts';
import { sensitiveDataBehaviors } from './sensitive-data/index.ts';
import { serializedDataBehaviors } from './serialized-data/index.ts';
import { settingsBehaviors } from './settings/index.ts';

/** The explicit registry of every behavior: a behavior not listed here does not exist. */
export const behaviors: readonly BehaviorDefinition[] = [
  ...networkBehaviors,
  ...fileBehaviors,
  ...executionBehaviors,
  ...settingsBehaviors,
  ...searchBehaviors,
  ...behaviorBehaviors,
  ...sensitiveDataBehaviors,
  ...persistenceBehaviors,
  ...evasionBehaviors,
  ...permissionsBehaviors,
  ...anomalyBehaviors,
  ...metadataBehaviors,
  ...secretsBehaviors,
  ...serializedDataBehaviors,
  ...licensesBehaviors,
];
