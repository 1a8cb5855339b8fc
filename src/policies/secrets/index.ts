import type { PolicyDefinition } from '../../catalog/types.ts';
import { accessToken } from './access-token.ts';
import { apiKey } from './api-key.ts';
import { credentialFile } from './credential-file.ts';
import { debugDatabase } from './debug-database.ts';
import { editorLeftover } from './editor-leftover.ts';
import { pgpPrivateKey } from './pgp-private-key.ts';
import { placeholderSecret } from './placeholder-secret.ts';
import { privateCertificate } from './private-certificate.ts';
import { privateKey } from './private-key.ts';
import { protectedPrivateKey } from './protected-private-key.ts';
import { protectedSshPrivateKey } from './protected-ssh-private-key.ts';
import { serviceCredentials } from './service-credentials.ts';
import { sshPrivateKey } from './ssh-private-key.ts';
import { urlCredentials } from './url-credentials.ts';
import { versionControlData } from './version-control-data.ts';
import { webhookSecret } from './webhook-secret.ts';

/** Policies of the 'secrets' category. */
export const secretsPolicies: readonly PolicyDefinition[] = [
  sshPrivateKey,
  protectedSshPrivateKey,
  privateKey,
  protectedPrivateKey,
  pgpPrivateKey,
  privateCertificate,
  serviceCredentials,
  accessToken,
  apiKey,
  webhookSecret,
  urlCredentials,
  placeholderSecret,
  versionControlData,
  debugDatabase,
  credentialFile,
  editorLeftover,
];
