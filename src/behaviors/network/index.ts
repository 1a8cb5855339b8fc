import type { BehaviorDefinition } from '../../catalog/types.ts';
import { downloadsFile } from './downloads-file.ts';
import { opensSocket } from './opens-socket.ts';
import { resolvesDns } from './resolves-dns.ts';
import { sendsDataToDisposableHost } from './sends-data-to-disposable-host.ts';
import { sendsSensitiveData } from './sends-sensitive-data.ts';
import { uploadsData } from './uploads-data.ts';
import { urlBrowserMiningService } from './url-browser-mining-service.ts';
import { urlCoinMixer } from './url-coin-mixer.ts';
import { urlCredentialQueryParameter } from './url-credential-query-parameter.ts';
import { urlCryptoExchange } from './url-crypto-exchange.ts';
import { urlEncoded } from './url-encoded.ts';
import { urlExportRestrictedRegion } from './url-export-restricted-region.ts';
import { urlFileSharingDownload } from './url-file-sharing-download.ts';
import { urlHacktoolDownload } from './url-hacktool-download.ts';
import { urlHomoglyphLookalike } from './url-homoglyph-lookalike.ts';
import { urlInterestingFileFormat } from './url-interesting-file-format.ts';
import { urlIpLiteral } from './url-ip-literal.ts';
import { urlLookalikeSignInPath } from './url-lookalike-sign-in-path.ts';
import { urlMalwarePath } from './url-malware-path.ts';
import { urlMessagingWebhook } from './url-messaging-webhook.ts';
import { urlMiningPool } from './url-mining-pool.ts';
import { urlNonstandardPort } from './url-nonstandard-port.ts';
import { urlPackagePublishingApi } from './url-package-publishing-api.ts';
import { urlPasteSite } from './url-paste-site.ts';
import { urlPunycodeLookalike } from './url-punycode-lookalike.ts';
import { urlRawContentHost } from './url-raw-content-host.ts';
import { urlServerlessHost } from './url-serverless-host.ts';
import { urlShortener } from './url-shortener.ts';
import { urlSuspiciousPathComponent } from './url-suspicious-path-component.ts';
import { urlSuspiciousTld } from './url-suspicious-tld.ts';
import { urlTorAddress } from './url-tor-address.ts';
import { urlTrustedDomainSubdomain } from './url-trusted-domain-subdomain.ts';
import { urlTunnelOrDynamicDns } from './url-tunnel-or-dynamic-dns.ts';
import { urlTyposquatDomain } from './url-typosquat-domain.ts';
import { urlWhatsappApi } from './url-whatsapp-api.ts';
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
  urlServerlessHost,
  urlPackagePublishingApi,
  urlEncoded,
  urlTorAddress,
  urlBrowserMiningService,
  urlCoinMixer,
  urlCryptoExchange,
  urlFileSharingDownload,
  urlWhatsappApi,
  urlHacktoolDownload,
  urlMalwarePath,
  urlSuspiciousPathComponent,
  urlCredentialQueryParameter,
  urlPunycodeLookalike,
  urlHomoglyphLookalike,
  urlTyposquatDomain,
  urlTrustedDomainSubdomain,
  urlLookalikeSignInPath,
  urlExportRestrictedRegion,
  urlMiningPool,
  usesHttpClient,
  opensSocket,
  resolvesDns,
  downloadsFile,
  uploadsData,
  sendsSensitiveData,
  sendsDataToDisposableHost,
];
