import { createHash } from 'node:crypto';
import { AssayError } from '../core/errors.ts';
import type { ArtifactHashes, HashAlgorithm } from './types.ts';

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const STRENGTH: Record<HashAlgorithm, number> = { sha1: 1, sha256: 2, sha384: 3, sha512: 4 };

interface SriEntry {
  readonly algorithm: HashAlgorithm;
  readonly digest: Buffer;
}

/** Subresource Integrity metadata: space-separated `alg-base64[?options]` tokens; unknown algorithms are ignored. */
export function parseIntegrity(integrity: string): SriEntry[] {
  const entries: SriEntry[] = [];
  for (const token of integrity.trim().split(/\s+/)) {
    const m = /^(sha1|sha256|sha384|sha512)-([A-Za-z0-9+/]+={0,2})(?:\?.*)?$/.exec(token);
    if (!m) continue;
    entries.push({ algorithm: m[1] as HashAlgorithm, digest: Buffer.from(m[2] ?? '', 'base64') });
  }
  return entries;
}

/**
 * Checks the bytes against the strongest digest the registry published (SRI: only the strongest algorithm
 * counts, so a weak sha1 cannot vouch for bytes whose sha512 differs). Returns the algorithm that was checked.
 */
export function verifyHashes(bytes: Buffer, hashes: ArtifactHashes, what: string): HashAlgorithm | 'none' {
  const candidates: SriEntry[] = [];
  if (hashes.integrity !== undefined) candidates.push(...parseIntegrity(hashes.integrity));
  if (hashes.sha256 !== undefined && /^[0-9a-f]{64}$/i.test(hashes.sha256)) {
    candidates.push({ algorithm: 'sha256', digest: Buffer.from(hashes.sha256, 'hex') });
  }
  if (hashes.sha1 !== undefined && /^[0-9a-f]{40}$/i.test(hashes.sha1)) {
    candidates.push({ algorithm: 'sha1', digest: Buffer.from(hashes.sha1, 'hex') });
  }
  if (candidates.length === 0) return 'none';
  const best = Math.max(...candidates.map((c) => STRENGTH[c.algorithm]));
  const strongest = candidates.filter((c) => STRENGTH[c.algorithm] === best);
  const algorithm = strongest[0]!.algorithm;
  const actual = createHash(algorithm).update(bytes).digest();
  if (strongest.some((c) => c.digest.equals(actual))) return algorithm;
  throw new AssayError(
    'E_HASH_MISMATCH',
    `Hash mismatch for ${what}: its ${algorithm} is ${actual.toString('hex')}, the registry published ` +
      `${strongest.map((c) => c.digest.toString('hex')).join(' or ')}.`,
  );
}
