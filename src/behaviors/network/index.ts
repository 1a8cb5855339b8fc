import type { BehaviorDefinition } from '../../catalog/types.ts';
import { downloadsFile } from './downloads-file.ts';
import { opensSocket } from './opens-socket.ts';
import { resolvesDns } from './resolves-dns.ts';
import { uploadsData } from './uploads-data.ts';
import { urlBase64Encoded } from './url-base64-encoded.ts';
import { urlInterestingFileFormat } from './url-interesting-file-format.ts';
import { urlIpLiteral } from './url-ip-literal.ts';
import { urlMessagingWebhook } from './url-messaging-webhook.ts';
import { urlNonstandardPort } from './url-nonstandard-port.ts';
import { urlPackagePublishingApi } from './url-package-publishing-api.ts';
import { urlPasteSite } from './url-paste-site.ts';
import { urlRawContentHost } from './url-raw-content-host.ts';
import { urlShortener } from './url-shortener.ts';
import { urlSuspiciousTld } from './url-suspicious-tld.ts';
import { urlTunnelOrDynamicDns } from './url-tunnel-or-dynamic-dns.ts';
import { usesHttpClient } from './uses-http-client.ts';

/** Behaviors of the 'network' category, in the order they are listed in docs. */
export const networkBehaviors: readonly BehaviorDefinition[] = [
  urlInterestingFileFormat,
  urlNonstandardPort,
  urlSuspiciousTld,
  urlIpLiteral,
  urlShortener,
  urlPasteSite,
  urlMessagingWebhook,
  urlRawContentHost,
  urlTunnelOrDynamicDns,
  urlPackagePublishingApi,
  urlBase64Encoded,
  usesHttpClient,
  opensSocket,
  resolvesDns,
  downloadsFile,
  uploadsData,
];
