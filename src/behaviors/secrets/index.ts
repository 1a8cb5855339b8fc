import type { BehaviorDefinition } from '../../catalog/types.ts';
import { containsAccessToken } from './contains-access-token.ts';
import { containsApiKey } from './contains-api-key.ts';
import { containsPgpPrivateKey } from './contains-pgp-private-key.ts';
import { containsPlaceholderSecret } from './contains-placeholder-secret.ts';
import { containsPrivateCertificate } from './contains-private-certificate.ts';
import { containsPrivateKey } from './contains-private-key.ts';
import { containsProtectedPrivateKey } from './contains-protected-private-key.ts';
import { containsProtectedSshPrivateKey } from './contains-protected-ssh-private-key.ts';
import { containsServiceCredentials } from './contains-service-credentials.ts';
import { containsSshPrivateKey } from './contains-ssh-private-key.ts';
import { containsUrlCredentials } from './contains-url-credentials.ts';
import { containsWebhookSecret } from './contains-webhook-secret.ts';
import { shipsCredentialFile } from './ships-credential-file.ts';
import { shipsDebugDatabase } from './ships-debug-database.ts';
import { shipsEditorLeftover } from './ships-editor-leftover.ts';
import { shipsVersionControlData } from './ships-version-control-data.ts';

/** Behaviors of the 'secrets' category, in the order they are listed in docs. */
export const secretsBehaviors: readonly BehaviorDefinition[] = [
  containsSshPrivateKey,
  containsProtectedSshPrivateKey,
  containsPrivateKey,
  containsProtectedPrivateKey,
  containsPgpPrivateKey,
  containsPrivateCertificate,
  containsServiceCredentials,
  containsAccessToken,
  containsApiKey,
  containsWebhookSecret,
  containsUrlCredentials,
  containsPlaceholderSecret,
  shipsVersionControlData,
  shipsDebugDatabase,
  shipsCredentialFile,
  shipsEditorLeftover,
];
