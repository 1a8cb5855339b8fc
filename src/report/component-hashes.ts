import { parseIntegrity } from '../sources/hash.ts';

/** A digest of a component's file, as SBOM formats name it (CycloneDX `hashes[].alg`). */
export interface ComponentHash {
  readonly algorithm: 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';
  /** Lower-case hex. */
  readonly value: string;
}

const ALGORITHMS: Readonly<Record<string, ComponentHash['algorithm']>> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
};

const HEX_LENGTH: Readonly<Record<ComponentHash['algorithm'], number>> = {
  MD5: 32,
  'SHA-1': 40,
  'SHA-256': 64,
  'SHA-384': 96,
  'SHA-512': 128,
};

/**
 * Reads the digests lockfiles record: npm Subresource Integrity (`sha512-<base64>`, several separated by spaces)
 * and `algorithm:hex` (pip `--hash=`, Python lockfiles). A value that does not decode to the algorithm's length
 * is dropped rather than passed on as a hash it is not.
 */
export function componentHashes(values: readonly string[]): ComponentHash[] {
  const out: ComponentHash[] = [];
  const seen = new Set<string>();
  const add = (algorithm: ComponentHash['algorithm'] | undefined, value: string) => {
    if (algorithm === undefined || value.length !== HEX_LENGTH[algorithm] || !/^[0-9a-f]+$/.test(value))
      return;
    const key = `${algorithm}:${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ algorithm, value });
  };
  for (const raw of values) {
    for (const token of raw.trim().split(/\s+/)) {
      const pair = /^(md5|sha1|sha256|sha384|sha512)[:=]([0-9A-Fa-f]+)$/.exec(token);
      if (pair?.[1] && pair[2]) add(ALGORITHMS[pair[1]], pair[2].toLowerCase());
      else
        for (const entry of parseIntegrity(token))
          add(ALGORITHMS[entry.algorithm], entry.digest.toString('hex'));
    }
  }
  return out;
}
