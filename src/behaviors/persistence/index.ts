import type { BehaviorDefinition } from '../../catalog/types.ts';
import { createsLaunchAgent } from './creates-launch-agent.ts';
import { createsScheduledTask } from './creates-scheduled-task.ts';
import { installsCronJob } from './installs-cron-job.ts';
import { installsSystemService } from './installs-system-service.ts';
import { modifiesRegistryRunKeys } from './modifies-registry-run-keys.ts';
import { writesToStartupLocation } from './writes-to-startup-location.ts';

/** Behaviors of the 'persistence' category, in the order they are listed in docs. */
export const persistenceBehaviors: readonly BehaviorDefinition[] = [
  modifiesRegistryRunKeys,
  installsCronJob,
  installsSystemService,
  createsLaunchAgent,
  writesToStartupLocation,
  createsScheduledTask,
];
