import type { BehaviorDefinition } from '../../catalog/types.ts';
import { queriesHostName } from './queries-host-name.ts';
import { queriesPublicIp } from './queries-public-ip.ts';
import { queriesUserName } from './queries-user-name.ts';

/** Behaviors of the 'search' category, in the order they are listed in docs. */
export const searchBehaviors: readonly BehaviorDefinition[] = [
  queriesHostName,
  queriesUserName,
  queriesPublicIp,
];
