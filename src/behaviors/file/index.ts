import type { BehaviorDefinition } from '../../catalog/types.ts';
import { changesFilePermissions } from './changes-file-permissions.ts';
import { createsHiddenFile } from './creates-hidden-file.ts';
import { createsShortcut } from './creates-shortcut.ts';
import { deletesBackups } from './deletes-backups.ts';
import { deletesFile } from './deletes-file.ts';
import { renamesFile } from './renames-file.ts';
import { writesCiWorkflow } from './writes-ci-workflow.ts';
import { writesFile } from './writes-file.ts';
import { writesIntoNodeModules } from './writes-into-node-modules.ts';
import { writesToSitePackages } from './writes-to-site-packages.ts';
import { writesToUserFolders } from './writes-to-user-folders.ts';

/** Behaviors of the 'file' category, in the order they are listed in docs. */
export const fileBehaviors: readonly BehaviorDefinition[] = [
  writesFile,
  deletesFile,
  renamesFile,
  changesFilePermissions,
  createsHiddenFile,
  createsShortcut,
  writesToSitePackages,
  deletesBackups,
  writesToUserFolders,
  writesIntoNodeModules,
  writesCiWorkflow,
];
