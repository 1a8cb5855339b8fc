/**
 * One pass over a package's files for secrets, shared by every secrets behavior (kept per snapshot). Findings carry
 * their location and a masked snippet; the secret itself never leaves this module.
 */
import type { PackageFile } from '../../../artifacts/types.ts';
import type { PackageSnapshot } from '../../../metadata/snapshot.ts';
import { findKeyBlocks, isPkcs12, type KeyBlock } from './keys.ts';
import { maskedSnippet, maskSecret } from './mask.ts';
import { placeholderReason } from './placeholders.ts';
import { type CredentialKind, TOKEN_PREFILTER, TOKEN_RULES } from './tokens.ts';

interface Located {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** The line with the secret masked. */
  readonly snippet: string;
}

export type SecretFinding =
  | (Located & { readonly type: 'key'; readonly block: KeyBlock; readonly inCode: boolean })
  | (Located & { readonly type: 'pkcs12' })
  | (Located & {
      readonly type: 'credential';
      readonly kind: CredentialKind;
      readonly service: string;
      readonly note?: string;
    })
  | (Located & { readonly type: 'url-credentials'; readonly scheme: string; readonly host: string })
  | (Located & { readonly type: 'placeholder'; readonly service: string; readonly reason: string });

const MAX_TEXT_BYTES = 4 * 1024 * 1024;
const CODE_FILE = /\.(py|pyw|js|mjs|cjs|jsx|ts|tsx|mts|cts|rb|go|java|php|sh|ps1)$/i;

const cache = new WeakMap<PackageSnapshot, readonly SecretFinding[]>();

export function secretFindings(snapshot: PackageSnapshot): readonly SecretFinding[] {
  const known = cache.get(snapshot);
  if (known) return known;
  const findings: SecretFinding[] = [];
  for (const file of snapshot.files) scanFile(file, findings);
  cache.set(snapshot, findings);
  return findings;
}

class TextIndex {
  private starts: number[] | null = null;
  constructor(readonly text: string) {}

  private lineStarts(): number[] {
    if (this.starts) return this.starts;
    const starts = [0];
    for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
    return starts;
  }

  /** 1-based line and column of an offset, and the text of that line. */
  at(index: number): { line: number; column: number; text: string } {
    const starts = this.lineStarts();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= index) low = mid;
      else high = mid - 1;
    }
    const start = starts[low] ?? 0;
    const end = this.text.indexOf('\n', start);
    const text = this.text.slice(start, end === -1 ? undefined : end).replace(/\r$/, '');
    return { line: low + 1, column: index - start + 1, text };
  }

  /** The lines from `line - radius` to `line + radius` (1-based), joined. */
  around(line: number, radius: number): string {
    const starts = this.lineStarts();
    const from = starts[Math.max(0, line - 1 - radius)] ?? 0;
    const to = starts[Math.min(starts.length - 1, line + radius)] ?? this.text.length;
    return this.text.slice(from, to <= from ? undefined : to);
  }
}

function scanFile(file: PackageFile, out: SecretFinding[]): void {
  if (file.data.length > MAX_TEXT_BYTES) return;
  if (isPkcs12(file.path, file.data)) {
    out.push({
      type: 'pkcs12',
      file: file.path,
      line: 1,
      column: 1,
      snippet: `PKCS#12 bundle, ${file.data.length} bytes`,
    });
    return;
  }
  if (file.data.subarray(0, 1024).includes(0)) return;
  const text = file.data.toString('utf8');
  const index = new TextIndex(text);
  const serviceAccount = /"type"\s*:\s*"service_account"/.test(text) && text.includes('"private_key"');
  if (serviceAccount) googleServiceAccount(file.path, index, out);
  else if (text.includes('-----BEGIN ') || text.includes('PuTTY-User-Key-File')) keys(file.path, index, out);
  if (TOKEN_PREFILTER.test(text)) {
    tokens(file.path, index, out);
    awsPairs(file.path, index, out);
    twilioPairs(file.path, index, out);
  }
  if (text.includes('://')) urlCredentials(file.path, index, out);
}

function keys(path: string, index: TextIndex, out: SecretFinding[]): void {
  for (const block of findKeyBlocks(path, index.text)) {
    const where = index.at(block.index);
    const before = where.text.slice(0, where.column - 1).trim();
    const prefix = before.length > 40 ? `${before.slice(0, 37)}...` : before;
    out.push({
      type: 'key',
      block,
      inCode: CODE_FILE.test(path),
      file: path,
      line: where.line,
      column: where.column,
      snippet: `${prefix ? `${prefix} ` : ''}${block.label} ${maskSecret(block.body)}`,
    });
  }
}

function googleServiceAccount(path: string, index: TextIndex, out: SecretFinding[]): void {
  const at = index.text.indexOf('"private_key"');
  const where = index.at(at);
  const key = /"private_key"\s*:\s*"([^"]*)"/.exec(index.text.slice(at))?.[1] ?? '';
  const body = key.replace(/-----[A-Z ]+-----|\\n/g, '');
  if (body.length < 40) return;
  const reason = placeholderReason(body);
  const snippet = `"private_key": "${maskSecret(body)}"`;
  const base = { file: path, line: where.line, column: where.column, snippet };
  out.push(
    reason
      ? { ...base, type: 'placeholder', service: 'Google service account key', reason }
      : { ...base, type: 'credential', kind: 'credentials', service: 'Google service account key' },
  );
}

function tokens(path: string, index: TextIndex, out: SecretFinding[]): void {
  for (const rule of TOKEN_RULES) {
    rule.pattern.lastIndex = 0;
    for (const match of index.text.matchAll(rule.pattern)) {
      const secret = match.groups?.secret ?? match[0];
      const check = rule.check ? rule.check(match) : { status: 'plausible' as const };
      if (check.status === 'reject') continue;
      const where = index.at(match.index);
      const base = {
        file: path,
        line: where.line,
        column: where.column,
        snippet: maskedSnippet(where.text, [secret]),
      };
      const reason = check.status === 'malformed' ? check.note : placeholderReason(secret);
      if (reason) out.push({ ...base, type: 'placeholder', service: rule.service, reason });
      else
        out.push({
          ...base,
          type: 'credential',
          kind: rule.kind,
          service: rule.service,
          ...(check.note ? { note: check.note } : {}),
        });
    }
  }
}

const AWS_KEY_ID = /\b(?:AKIA|ASIA)[A-Z2-7]{16}\b/g;
const AWS_SECRET =
  /(?<![A-Za-z0-9/+])(?=[A-Za-z0-9/+]*[0-9])(?=[A-Za-z0-9/+]*[a-z])(?=[A-Za-z0-9/+]*[A-Z])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/;

/** An AWS access key id is only usable with its secret: both must sit within a few lines of each other. */
function awsPairs(path: string, index: TextIndex, out: SecretFinding[]): void {
  for (const match of index.text.matchAll(AWS_KEY_ID)) {
    const where = index.at(match.index);
    const secret = AWS_SECRET.exec(index.around(where.line, 5))?.[0];
    const idReason = placeholderReason(match[0]);
    if (secret === undefined && idReason === null) continue;
    const reason = idReason ?? (secret ? placeholderReason(secret) : null);
    const snippet = maskedSnippet(where.text, [match[0], secret ?? '']);
    const base = { file: path, line: where.line, column: where.column, snippet };
    if (reason) out.push({ ...base, type: 'placeholder', service: 'AWS access key', reason });
    else
      out.push({
        ...base,
        type: 'credential',
        kind: 'credentials',
        service: 'AWS access key id and secret key',
      });
  }
}

const TWILIO_SID = /\bAC[0-9a-f]{32}\b/g;

function twilioPairs(path: string, index: TextIndex, out: SecretFinding[]): void {
  for (const match of index.text.matchAll(TWILIO_SID)) {
    const where = index.at(match.index);
    const token = /(?:token|auth)\W{0,20}([0-9a-f]{32})\b/i.exec(index.around(where.line, 5))?.[1];
    if (token === undefined) continue;
    const reason = placeholderReason(match[0]) ?? placeholderReason(token);
    const base = {
      file: path,
      line: where.line,
      column: where.column,
      snippet: maskedSnippet(where.text, [match[0], token]),
    };
    if (reason) out.push({ ...base, type: 'placeholder', service: 'Twilio account', reason });
    else
      out.push({
        ...base,
        type: 'credential',
        kind: 'credentials',
        service: 'Twilio account SID and auth token',
      });
  }
}

export const URL_CREDENTIALS =
  /\b([a-z][a-z0-9+.-]{1,15}):\/\/([^\s:/@"'`<>()[\]{}\\]{1,64}):([^\s/@"'`<>()[\]{}\\]{1,128})@([A-Za-z0-9._\u00c0-\uffff-]+)/g;
const PLACEHOLDER_PASSWORDS =
  /^(?:pass(?:word|wd)?|pwd|pw|secret|changeme|mypassword|mysecret|test|testing|admin|root|guest|foo|bar|baz|qux|hunter2|tiger|p@ssw0rd|pa\$\$word|123456|1234|xyz|abc|token|key|apikey|api_key|\*+|x+)$/i;
const PLACEHOLDER_HOSTS =
  /^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|host|hostname|server|domain|example|db|proxy)$|(?:^|\.)example\.(?:com|org|net)$|\.(?:local|test|invalid|localhost|example)$/i;

/** URL_CREDENTIALS tried at one position only. */
const URL_CREDENTIALS_AT = new RegExp(URL_CREDENTIALS.source, 'y');

/**
 * The matches `text.matchAll(URL_CREDENTIALS)` gives, in the same order, found from each '://' of the text instead
 * of trying the pattern at every position (a bundle of megabytes has a few hundred '://' and millions of
 * positions). A match starts with its scheme, 2 to 16 characters before its '://' (the scheme has no ':', so its
 * first ':' is that '://'); those starts are tried left to right, never before the end of the previous match.
 */
export function* urlCredentialMatches(text: string): Generator<RegExpExecArray> {
  let end = 0;
  for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 1)) {
    for (let start = Math.max(end, at - 16); start <= at - 2; start++) {
      URL_CREDENTIALS_AT.lastIndex = start;
      const match = URL_CREDENTIALS_AT.exec(text);
      if (match === null) continue;
      yield match;
      end = start + match[0].length;
      break;
    }
  }
}

function urlCredentials(path: string, index: TextIndex, out: SecretFinding[]): void {
  for (const match of urlCredentialMatches(index.text)) {
    const [, scheme = '', user = '', password = '', host = ''] = match;
    // Template variables and format markers are not credentials.
    if (/^[$%{<:]/.test(password) || /^[$%{<]/.test(user)) continue;
    const where = index.at(match.index);
    const base = {
      file: path,
      line: where.line,
      column: where.column,
      // The password is masked where it stands, between ':' and '@': a short one also appears elsewhere.
      snippet: maskedSnippet(where.text.split(`:${password}@`).join(`:${maskSecret(password)}@`), []),
    };
    const reason = PLACEHOLDER_PASSWORDS.test(password)
      ? 'a stock password'
      : password.length < 4
        ? 'too short to be a real password'
        : /pass(?:word|wd)?|secret/i.test(password)
          ? 'the password says it is one'
          : !host.includes('.')
            ? `${host} is a bare name, not a server on a domain`
            : password === user
              ? 'the password repeats the user name'
              : PLACEHOLDER_HOSTS.test(host)
                ? `points at ${host}, not a shared server`
                : placeholderReason(password);
    if (reason) out.push({ ...base, type: 'placeholder', service: `${scheme} URL credentials`, reason });
    else out.push({ ...base, type: 'url-credentials', scheme, host });
  }
}
