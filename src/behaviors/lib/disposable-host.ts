/**
 * Hosts that anyone can stand up or rent for free, with no lasting identity: the places a stealer or a beacon
 * sends to. One judgement, shared by the behaviors that weigh where traced data goes.
 */
import { serverlessHostOf } from './url-classes.ts';
import { abusedTld, ipVersion, isLocalAddress, pasteSiteOf, tunnelOf, webhookOf } from './url-classify.ts';

/**
 * What kind of disposable host `host` is, or null. A flow fact carries the host alone, so webhook rules that
 * need a path (discord.com/api/webhooks) are left to url-messaging-webhook; collectors whose whole host
 * receives (webhook.site, interactsh) count here.
 */
export function disposableHostOf(host: string): string | null {
  const tunnel = tunnelOf(host);
  if (tunnel !== null) return tunnel;
  const platform = serverlessHostOf(host);
  if (platform !== null) return `free serverless deployment on ${platform}`;
  const collector = webhookOf(host, `https://${host}/`);
  if (collector !== null) return collector;
  const paste = pasteSiteOf(host);
  if (paste !== null) return `paste or file-drop site ${paste}`;
  if (ipVersion(host) !== null) return isLocalAddress(host) ? null : 'a bare public IP address';
  const tld = abusedTld(host);
  return tld === null ? null : `a domain under the abused TLD .${tld.tld}`;
}
