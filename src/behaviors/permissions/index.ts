import type { BehaviorDefinition } from '../../catalog/types.ts';
import { changesUserPrivileges } from './changes-user-privileges.ts';
import { requestsElevatedPrivileges } from './requests-elevated-privileges.ts';

/** Behaviors of the 'permissions' category, in the order they are listed in docs. */
export const permissionsBehaviors: readonly BehaviorDefinition[] = [
  requestsElevatedPrivileges,
  changesUserPrivileges,
];
