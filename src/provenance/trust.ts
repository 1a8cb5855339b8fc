import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PublicKey, TrustedRoot } from '@sigstore/protobuf-specs';
import { type TrustMaterial, toTrustMaterial } from '@sigstore/verify';
import { z } from 'zod';
import { DEFAULT_DATA_DIR } from '../community/data/snapshots.ts';

const DATA = join(DEFAULT_DATA_DIR, 'sigstore');

/**
 * Where the shipped trust material comes from, shown wherever a verification result is: the public-good Sigstore
 * trusted root and npm's attestation keys, as the @sigstore/tuf 4.0.2 seeds carry them (TUF root v14, signed
 * metadata expiring 2026-06-22), copied on 2026-12-07. `npm run` nothing refreshes them: verification is offline
 * by design, and a newer root is a reviewed data update (data/sigstore/README.md).
 */
export const TRUST_SOURCE = {
  name: 'Sigstore public-good trusted root and npm attestation keys',
  source: '@sigstore/tuf 4.0.2 seeds.json (tuf-repo-cdn.sigstore.dev, root v14)',
  date: '2026-12-07',
} as const;

const NpmKeys = z.object({
  keys: z.array(
    z.object({
      keyId: z.string(),
      keyUsage: z.string(),
      publicKey: z.unknown(),
    }),
  ),
});

let cached: TrustMaterial | undefined;

/** The trusted root plus npm's registry keys (the publish attestation is signed by npm, not through Fulcio). */
export function shippedTrustMaterial(): TrustMaterial {
  if (cached !== undefined) return cached;
  const root = TrustedRoot.fromJSON(JSON.parse(readFileSync(join(DATA, 'trusted_root.json'), 'utf8')));
  const keys: Record<string, PublicKey> = {};
  const npm = NpmKeys.parse(JSON.parse(readFileSync(join(DATA, 'npm-registry-keys.json'), 'utf8')));
  for (const key of npm.keys) {
    if (key.keyUsage === 'npm:attestations') keys[key.keyId] = PublicKey.fromJSON(key.publicKey);
  }
  cached = toTrustMaterial(root, keys);
  return cached;
}
