/**
 * Private key material in text: PEM blocks (PKCS#1, PKCS#8, SEC1, DSA, OpenSSH), PGP private key blocks and PuTTY
 * key files, with whether a passphrase protects them. Blocks inside code strings (with `\n` escapes or split over
 * concatenated lines) are found too.
 */
import { X509Certificate } from 'node:crypto';

export type KeyFamily = 'ssh' | 'pgp' | 'private-key' | 'certificate-bundle';

export interface KeyBlock {
  readonly family: KeyFamily;
  readonly label: string;
  readonly protectedByPassphrase: boolean;
  /** Offset of the block's first character in the text. */
  readonly index: number;
  /** The key body (base64 text without line breaks), to mask in evidence. */
  readonly body: string;
  /**
   * For a certificate bundle: every certificate beside the key signs itself. No authority vouches for such a
   * certificate, so its key can pass only where this very certificate is pinned, as a package's own local test server.
   */
  readonly selfSigned?: boolean;
}

const BEGIN = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/g;
const PUTTY = /PuTTY-User-Key-File-\d+: *([\w-]+)/g;
const SSH_FILE = /(?:^|\/)(?:id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?|ssh_host_\w+_key|[^/]*\.ppk)$/i;

// A key's lines: 16 characters at least, so that code around a bare marker is not read as a body. A certificate is
// read between its own markers, where its short last line counts too.
const KEY_LINE = /^[A-Za-z0-9+/=]{16,}$/;
const CERTIFICATE_LINE = /^[A-Za-z0-9+/=]+$/;

function base64Body(block: string, line = KEY_LINE): string {
  return block
    .replace(/\\n|\\r/g, '\n')
    .split('\n')
    .map((text) => text.replace(/^[\s"'`+,]+|[\s"'`+,;)]+$/g, ''))
    .filter((text) => line.test(text))
    .join('');
}

/**
 * An OpenSSH key is protected when its cipher name is not 'none' (openssh-key-v1 layout). Null when the body is not
 * a whole key: a help text or a README shows the first line of one and cuts it off, and a cut-off key unlocks nothing.
 */
function opensshCipher(body: string): string | null {
  const bytes = Buffer.from(body, 'base64');
  const magic = 'openssh-key-v1\0';
  if (bytes.length < magic.length + 4 || bytes.toString('latin1', 0, magic.length) !== magic) return null;
  // ciphername, kdfname, kdfoptions (strings), the key count, then the public key and the private section.
  let at = magic.length;
  const fields: string[] = [];
  for (let i = 0; i < 6; i++) {
    if (i === 3) {
      at += 4;
      continue;
    }
    if (at + 4 > bytes.length) return null;
    const length = bytes.readUInt32BE(at);
    if (length > bytes.length - at - 4) return null;
    fields.push(bytes.toString('latin1', at + 4, at + 4 + Math.min(length, 64)));
    at += 4 + length;
  }
  const cipher = fields[0] ?? '';
  return cipher.length > 0 && cipher.length <= 64 ? cipher : null;
}

/**
 * Whether a PEM key body starts as DER: a SEQUENCE (every PKCS#1, PKCS#8, SEC1 and DSA key is one) with a length
 * that can hold a key. Words read after a bare marker (an error message that names the marker) decode to anything
 * else. The whole length is not checked against the body: a key split over code lines may be read in part.
 */
function isDerSequence(body: string): boolean {
  const bytes = Buffer.from(body.slice(0, 16), 'base64');
  if (bytes.length < 4 || bytes[0] !== 0x30) return false;
  const first = bytes[1] ?? 0;
  if (!(first & 0x80)) return first >= 32;
  const count = first & 0x7f;
  return count >= 1 && count <= 3;
}

const CERTIFICATE = /-----BEGIN CERTIFICATE-----([\s\S]{0,12000}?)-----END CERTIFICATE-----/g;

/** Whether the text holds certificates and each one verifies with its own public key; false when one does not parse. */
function allSelfSigned(text: string): boolean {
  let seen = 0;
  for (const match of text.matchAll(CERTIFICATE)) {
    seen++;
    try {
      const certificate = new X509Certificate(
        Buffer.from(base64Body(match[1] ?? '', CERTIFICATE_LINE), 'base64'),
      );
      if (certificate.issuer !== certificate.subject || !certificate.verify(certificate.publicKey))
        return false;
    } catch {
      return false;
    }
    if (seen >= 8) break;
  }
  return seen > 0;
}

export function findKeyBlocks(path: string, text: string): KeyBlock[] {
  const blocks: KeyBlock[] = [];
  const hasCertificate = text.includes('-----BEGIN CERTIFICATE-----');
  let selfSigned: boolean | undefined;
  for (const match of text.matchAll(BEGIN)) {
    const label = match[1] ?? '';
    const end = text.indexOf(`-----END ${label}-----`, match.index);
    const block = text.slice(match.index, end === -1 ? match.index + 8000 : end);
    const body = base64Body(block.slice(match[0].length));
    // A marker with no key after it (a parser's constant, a regex) is not a key.
    if (body.length < 40) continue;
    let family: KeyFamily = 'private-key';
    let protectedByPassphrase = /ENCRYPTED/.test(label) || /Proc-Type: *4, *ENCRYPTED/.test(block);
    if (label.startsWith('PGP')) family = 'pgp';
    else if (!label.startsWith('OPENSSH') && !protectedByPassphrase && !isDerSequence(body)) continue;
    else if (label.startsWith('OPENSSH')) {
      family = 'ssh';
      const cipher = opensshCipher(body);
      if (cipher === null) continue;
      protectedByPassphrase = cipher !== 'none';
    } else if (SSH_FILE.test(path)) family = 'ssh';
    else if (hasCertificate) family = 'certificate-bundle';
    if (family === 'certificate-bundle') {
      selfSigned ??= allSelfSigned(text);
      blocks.push({ family, label, protectedByPassphrase, index: match.index, body, selfSigned });
      continue;
    }
    blocks.push({ family, label, protectedByPassphrase, index: match.index, body });
  }
  for (const match of text.matchAll(PUTTY)) {
    const rest = text.slice(match.index, match.index + 4000);
    const encryption = /Encryption: *([\w-]+)/.exec(rest)?.[1];
    const body = base64Body(rest.slice(rest.indexOf('Public-Lines')));
    if (encryption === undefined || body.length < 40) continue;
    blocks.push({
      family: 'ssh',
      label: `PuTTY ${match[1]} key`,
      protectedByPassphrase: encryption !== 'none',
      index: match.index,
      body,
    });
  }
  return blocks;
}

/** PKCS#12 (.p12 / .pfx): a DER SEQUENCE whose first element is the version INTEGER 3. */
export function isPkcs12(path: string, data: Buffer): boolean {
  if (!/\.(p12|pfx)$/i.test(path) || data.length < 8 || data[0] !== 0x30) return false;
  const lengthBytes = (data[1] ?? 0) & 0x80 ? (data[1] ?? 0) & 0x7f : 0;
  const at = 2 + lengthBytes;
  return data[at] === 0x02 && data[at + 1] === 0x01 && data[at + 2] === 0x03;
}
