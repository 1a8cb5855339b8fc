/**
 * Service credentials whose formats are public. Each rule finds candidates with a pattern and checks their
 * structure (and checksum, where the format has one) without ever asking the service: assay cannot tell whether a
 * credential still works, only that it is shaped like one.
 */
import { createHmac } from 'node:crypto';
import { hasTokenChecksum } from './checksum.ts';

/** What a credential gives: a pair of id and secret, a bearer token, an API key or a webhook that accepts posts. */
export type CredentialKind = 'credentials' | 'access-token' | 'api-key' | 'webhook';

export type Check =
  | { readonly status: 'plausible'; readonly note?: string }
  /** Shaped like the format but failing its own rules (a wrong checksum) or signed with a tutorial key: an example. */
  | { readonly status: 'malformed'; readonly note: string }
  | { readonly status: 'reject' };

export interface TokenRule {
  readonly service: string;
  readonly kind: CredentialKind;
  /** Global; the whole match, or the group named `secret`, is the secret. */
  readonly pattern: RegExp;
  readonly check?: (match: RegExpExecArray) => Check;
}

function base64UrlText(text: string): string {
  return Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64').toString('latin1');
}

/** Keys that tutorials and README examples sign their sample tokens with. */
const EXAMPLE_JWT_KEYS = [
  'secret',
  'your-256-bit-secret',
  'your-384-bit-secret',
  'your-512-bit-secret',
  'secret-key',
  'secretkey',
  'key',
  'password',
  'changeme',
  'test',
  'shhhhh',
];

/**
 * An HMAC-signed token is checked, locally, against the example keys: a token that verifies with 'secret' is a
 * documentation sample, not a credential of a real service.
 */
function weakJwtKey(token: string, alg: string): string | null {
  const hash = ({ HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' } as Record<string, string>)[alg];
  if (hash === undefined) return null;
  const cut = token.lastIndexOf('.');
  const signature = token.slice(cut + 1);
  for (const key of EXAMPLE_JWT_KEYS) {
    if (createHmac(hash, key).update(token.slice(0, cut)).digest('base64url') === signature) return key;
  }
  return null;
}

/**
 * Claims that make a token open nothing: an expiry in the past (servers refuse it), or the subject and issue time
 * of the sample token on jwt.io, which documentation and mocks copy. Null when the claims look live.
 */
function unusableJwtClaims(payload: string): string | null {
  let claims: { exp?: unknown; sub?: unknown; iat?: unknown };
  try {
    claims = JSON.parse(base64UrlText(payload)) as typeof claims;
  } catch {
    return null;
  }
  if (claims === null || typeof claims !== 'object') return null;
  if (claims.sub === '1234567890' || claims.iat === JWT_IO_SAMPLE_ISSUED)
    return 'carries the sample claims of the jwt.io example token';
  if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now())
    return `expired on ${new Date(claims.exp * 1000).toISOString().slice(0, 10)}`;
  return null;
}

/** `iat` of the jwt.io sample token (2018-01-18). */
const JWT_IO_SAMPLE_ISSUED = 1516239022;

const checksum = (match: RegExpExecArray): Check =>
  hasTokenChecksum(match[0])
    ? { status: 'plausible', note: 'checksum matches' }
    : { status: 'malformed', note: 'its checksum does not match, so it was not issued by the service' };

export const TOKEN_RULES: readonly TokenRule[] = [
  {
    service: 'GitHub token',
    kind: 'access-token',
    pattern: /\bgh[pousr]_[A-Za-z0-9]{36}\b/g,
    check: checksum,
  },
  {
    service: 'GitHub fine-grained token',
    kind: 'access-token',
    pattern: /\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b/g,
  },
  { service: 'npm token', kind: 'access-token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g, check: checksum },
  {
    service: 'GitLab token',
    kind: 'access-token',
    pattern: /\bgl(?:pat|rt|dt|ptt|oas)-[A-Za-z0-9_-]{20,}/g,
  },
  {
    service: 'PyPI token',
    kind: 'access-token',
    pattern: /\bpypi-AgE[A-Za-z0-9_-]{50,}/g,
    check: (match) =>
      /(?:test\.)?pypi\.org/.test(base64UrlText(match[0].slice(5, 60)))
        ? { status: 'plausible', note: 'a macaroon issued by PyPI' }
        : { status: 'malformed', note: 'not a PyPI macaroon' },
  },
  {
    service: 'Slack token',
    kind: 'access-token',
    pattern: /\bxox[bpars]-\d{6,14}-[0-9A-Za-z-]{10,}/g,
  },
  {
    service: 'Slack webhook',
    kind: 'webhook',
    pattern:
      /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{8,12}\/B[A-Z0-9]{8,12}\/(?<secret>[A-Za-z0-9]{24})/g,
  },
  {
    service: 'Discord webhook',
    kind: 'webhook',
    pattern:
      /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/(?:v\d+\/)?webhooks\/\d{17,20}\/(?<secret>[A-Za-z0-9_-]{60,68})/g,
  },
  {
    service: 'Discord bot token',
    kind: 'access-token',
    pattern: /\b[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}\b/g,
    // The first part is the bot's numeric id in base64.
    check: (match) =>
      /^\d{17,20}$/.test(base64UrlText(match[0].split('.')[0] ?? ''))
        ? { status: 'plausible', note: 'starts with a bot id' }
        : { status: 'reject' },
  },
  { service: 'Telegram bot token', kind: 'access-token', pattern: /\b\d{8,10}:AA[A-Za-z0-9_-]{33}\b/g },
  {
    service: 'Stripe secret key',
    kind: 'api-key',
    pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,99}\b/g,
  },
  { service: 'Stripe webhook secret', kind: 'webhook', pattern: /\bwhsec_[A-Za-z0-9]{32,}\b/g },
  { service: 'Twilio API key', kind: 'api-key', pattern: /\bSK[0-9a-f]{32}\b/g },
  {
    service: 'SendGrid API key',
    kind: 'api-key',
    pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/g,
  },
  {
    service: 'OpenAI API key',
    kind: 'api-key',
    pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,}/g,
  },
  {
    service: 'Anthropic API key',
    kind: 'api-key',
    pattern: /\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,120}/g,
  },
  { service: 'Google API key', kind: 'api-key', pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  {
    service: 'Azure storage connection string',
    kind: 'credentials',
    pattern:
      /DefaultEndpointsProtocol=https?;AccountName=[A-Za-z0-9]{3,24};AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)/g,
  },
  {
    service: 'JSON Web Token',
    kind: 'access-token',
    pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{20,}/g,
    check: (match) => {
      try {
        const header = JSON.parse(base64UrlText(match[0].split('.')[0] ?? '')) as { alg?: unknown };
        if (typeof header.alg !== 'string' || header.alg.toLowerCase() === 'none')
          return { status: 'reject' };
        const weak = weakJwtKey(match[0], header.alg);
        if (weak !== null)
          return { status: 'malformed', note: `signed with the example key '${weak}' found in tutorials` };
        const unusable = unusableJwtClaims(match[0].split('.')[1] ?? '');
        if (unusable !== null) return { status: 'malformed', note: unusable };
        return { status: 'plausible', note: `signed with ${header.alg}` };
      } catch {
        return { status: 'reject' };
      }
    },
  },
];

/** A cheap test that tells most files hold none of the formats, before any rule runs. */
export const TOKEN_PREFILTER =
  /gh[pousr]_|github_pat_|npm_|gl(?:pat|rt|dt|ptt|oas)-|pypi-AgE|xox[bpars]-|hooks\.slack\.com|\/webhooks\/|[MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.|:AA|_live_|_test_|whsec_|SK[0-9a-f]{32}|SG\.|T3BlbkFJ|sk-ant-|AIza|AccountKey=|eyJ|AKIA|ASIA|AC[0-9a-f]{32}|service_account/;
