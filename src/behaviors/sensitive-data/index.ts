import type { BehaviorDefinition } from '../../catalog/types.ts';
import { accessesClipboard } from './accesses-clipboard.ts';
import { capturesKeystrokes } from './captures-keystrokes.ts';
import { queriesCloudMetadataService } from './queries-cloud-metadata-service.ts';
import { readsApplicationCredentials } from './reads-application-credentials.ts';
import { readsBrowserData } from './reads-browser-data.ts';
import { readsCloudCredentials } from './reads-cloud-credentials.ts';
import { readsCryptoWallets } from './reads-crypto-wallets.ts';
import { readsEmailClientData } from './reads-email-client-data.ts';
import { readsMessagingAppData } from './reads-messaging-app-data.ts';
import { readsSshKeys } from './reads-ssh-keys.ts';
import { readsSystemAccounts } from './reads-system-accounts.ts';
import { searchesCryptoSecrets } from './searches-crypto-secrets.ts';
import { serializesProcessEnv } from './serializes-process-env.ts';
import { takesScreenshots } from './takes-screenshots.ts';

/** Behaviors of the 'sensitive-data' category, in the order they are listed in docs. */
export const sensitiveDataBehaviors: readonly BehaviorDefinition[] = [
  readsBrowserData,
  readsMessagingAppData,
  readsCryptoWallets,
  readsSshKeys,
  readsCloudCredentials,
  readsSystemAccounts,
  accessesClipboard,
  takesScreenshots,
  capturesKeystrokes,
  serializesProcessEnv,
  readsEmailClientData,
  readsApplicationCredentials,
  searchesCryptoSecrets,
  queriesCloudMetadataService,
];
