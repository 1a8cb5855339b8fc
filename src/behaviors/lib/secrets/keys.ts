/**
 * Private key material in text: PEM blocks (PKCS#1, PKCS#8, SEC1, DSA, OpenSSH), PGP private key blocks and PuTTY
 * key files, with whether a passphrase protects them. Blocks inside code strings (with `\n` escapes or split over
 * concatenated lines) are found too.
 */
export type KeyFamily = 'ssh' | 'pgp' | 'private-key' | 'certificate-bundle';

export interface KeyBlock {
  readonly family: KeyFamily;
  readonly label: string;
  readonly protectedByPassphrase: boolean;
  /** Offset of the block's first character in the text. */
  readonly index: number;
  /** The key body (base64 text without line breaks), to mask in evidence. */
  readonly body: string;
}

const BEGIN = /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/g;
const PUTTY = /PuTTY-User-Key-File-\d+: *([\w-]+)/g;
const SSH_FILE = /(?:^|\/)(?:id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?|ssh_host_\w+_key|[^/]*\.ppk)$/i;

function base64Body(block: string): string {
  return block
    .replace(/\\n|\\r/g, '\n')
    .split('\n')
    .map((line) => line.replace(/^[\s"'`+,]+|[\s"'`+,;)]+$/g, ''))
    .filter((line) => /^[A-Za-z0-9+/=]{16,}$/.test(line))
    .join('');
}

/** An OpenSSH key is protected when its cipher name is not 'none' (openssh-key-v1 layout). */
function opensshCipher(body: string): string | null {
  const bytes = Buffer.from(body.slice(0, 200), 'base64');
  const magic = 'openssh-key-v1\0';
  if (bytes.toString('latin1', 0, magic.length) !== magic) return null;
  const length = bytes.readUInt32BE(magic.length);
  if (length > 64) return null;
  return bytes.toString('latin1', magic.length + 4, magic.length + 4 + length);
}

export function findKeyBlocks(path: string, text: string): KeyBlock[] {
  const blocks: KeyBlock[] = [];
  const hasCertificate = text.includes('-----BEGIN CERTIFICATE-----');
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
    else if (label.startsWith('OPENSSH')) {
      family = 'ssh';
      const cipher = opensshCipher(body);
      if (cipher === null) continue;
      protectedByPassphrase = cipher !== 'none';
    } else if (SSH_FILE.test(path)) family = 'ssh';
    else if (hasCertificate) family = 'certificate-bundle';
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
