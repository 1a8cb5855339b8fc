import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { AssayError } from '../core/errors.ts';
import { sha256Hex } from './hash.ts';

export interface CacheOptions {
  readonly dir: string;
  /** Total bytes of blobs kept; the least recently used go first. */
  readonly maxBytes?: number;
  /** How long a registry metadata response is used without asking the registry again. */
  readonly metadataTtlMs?: number;
  readonly now?: () => number;
}

export const DEFAULT_CACHE_MAX_BYTES = 2 * 1024 ** 3;
export const DEFAULT_METADATA_TTL_MS = 10 * 60 * 1000;

/** `$ASSAY_CACHE_DIR`, else `${XDG_CACHE_HOME:-~/.cache}/assay`. */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  const explicit = env['ASSAY_CACHE_DIR'];
  if (explicit !== undefined && explicit !== '') return explicit;
  const xdg = env['XDG_CACHE_HOME'];
  const base = xdg !== undefined && xdg !== '' ? xdg : join(env['HOME'] ?? homedir(), '.cache');
  return join(base, 'assay');
}

const IndexEntry = z.object({
  key: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  storedAt: z.number(),
  url: z.string().optional(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  contentType: z.string().optional(),
});
export type IndexEntry = z.infer<typeof IndexEntry>;

export interface MetaEntry extends IndexEntry {
  readonly body: Buffer;
}

export interface MetaInput {
  readonly url: string;
  readonly body: Buffer;
  readonly etag?: string;
  readonly lastModified?: string;
  readonly contentType?: string;
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Content-addressed on-disk cache. Artifacts and metadata bodies are opaque blobs named by their sha256
 * (`blobs/ab/abcd…`), never unpacked; small index files map a key (a URL, an npm integrity) to a blob.
 */
export class Cache {
  readonly dir: string;
  readonly maxBytes: number;
  readonly metadataTtlMs: number;
  private readonly now: () => number;
  /** Bytes of all blobs as far as this process knows; listing thousands of blobs on every write was the cost of a warm scan. */
  private knownTotal: number | undefined;

  constructor(options: CacheOptions) {
    this.dir = options.dir;
    this.maxBytes = options.maxBytes ?? DEFAULT_CACHE_MAX_BYTES;
    this.metadataTtlMs = options.metadataTtlMs ?? DEFAULT_METADATA_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  blobPath(sha256: string): string {
    return join(this.dir, 'blobs', sha256.slice(0, 2), sha256);
  }

  private indexPath(key: string): string {
    return join(this.dir, 'index', `${sha256Hex(Buffer.from(key))}.json`);
  }

  /** Write to a temp file in the cache, then rename: readers never see half a file. */
  private async atomicWrite(path: string, data: Buffer | string): Promise<void> {
    const tmpDir = join(this.dir, 'tmp');
    const tmp = join(tmpDir, `${randomBytes(8).toString('hex')}.tmp`);
    try {
      await mkdir(tmpDir, { recursive: true });
      await mkdir(join(path, '..'), { recursive: true });
      await writeFile(tmp, data, { mode: 0o600 });
      await rename(tmp, path);
    } catch (cause) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw new AssayError('E_IO', `Cannot write to the cache at ${this.dir}.`, { cause });
    }
  }

  /** The blob's bytes, re-hashed so that a corrupted or tampered cache file is a miss, not a wrong answer. */
  async getBlob(sha256: string): Promise<Buffer | undefined> {
    const hex = sha256.toLowerCase();
    if (!SHA256.test(hex)) return undefined;
    const path = this.blobPath(hex);
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch {
      return undefined;
    }
    if (sha256Hex(bytes) !== hex) {
      await rm(path, { force: true }).catch(() => undefined);
      return undefined;
    }
    // The access time drives LRU eviction; mtime is set by hand because many mounts use noatime/relatime.
    const t = new Date(this.now());
    await utimes(path, t, t).catch(() => undefined);
    return bytes;
  }

  async putBlob(bytes: Buffer): Promise<string> {
    const hex = sha256Hex(bytes);
    const existed = await stat(this.blobPath(hex)).then(
      () => true,
      () => false,
    );
    await this.atomicWrite(this.blobPath(hex), bytes);
    const t = new Date(this.now());
    await utimes(this.blobPath(hex), t, t).catch(() => undefined);
    if (!existed) await this.account(bytes.length);
    return hex;
  }

  private usagePath(): string {
    return join(this.dir, 'usage.json');
  }

  /**
   * Keeps a running total of blob bytes in usage.json and lists the blobs (to evict) only when the total passes
   * the cap. Other processes may drift the estimate; eviction recounts exactly and rewrites it.
   */
  private async account(added: number): Promise<void> {
    if (this.knownTotal === undefined) {
      const stored = await readFile(this.usagePath(), 'utf8')
        .then((text) => z.object({ bytes: z.number().nonnegative() }).parse(JSON.parse(text)).bytes)
        .catch(() => undefined);
      this.knownTotal = stored ?? (await this.totalBytes()) - added;
    }
    this.knownTotal += added;
    if (this.knownTotal > this.maxBytes) {
      await this.evict();
      return;
    }
    await this.atomicWrite(this.usagePath(), JSON.stringify({ bytes: this.knownTotal }));
  }

  async getIndex(key: string): Promise<IndexEntry | undefined> {
    let text: string;
    try {
      text = await readFile(this.indexPath(key), 'utf8');
    } catch {
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return undefined;
    }
    const parsed = IndexEntry.safeParse(json);
    // A hash collision of keys is astronomically unlikely; the key check guards against a hand-edited index.
    return parsed.success && parsed.data.key === key ? parsed.data : undefined;
  }

  private async putIndex(entry: IndexEntry): Promise<void> {
    await this.atomicWrite(this.indexPath(entry.key), JSON.stringify(entry));
  }

  /** Remember that `key` (for instance an npm integrity string) names the blob `sha256`. */
  async putRef(key: string, sha256: string): Promise<void> {
    await this.putIndex({ key, sha256, storedAt: this.now() });
  }

  async getRef(key: string): Promise<Buffer | undefined> {
    const entry = await this.getIndex(key);
    return entry === undefined ? undefined : this.getBlob(entry.sha256);
  }

  async getMeta(key: string): Promise<MetaEntry | undefined> {
    const entry = await this.getIndex(key);
    if (entry === undefined) return undefined;
    const body = await this.getBlob(entry.sha256);
    return body === undefined ? undefined : { ...entry, body };
  }

  async putMeta(key: string, input: MetaInput): Promise<void> {
    const sha256 = await this.putBlob(input.body);
    await this.putIndex({
      key,
      sha256,
      storedAt: this.now(),
      url: input.url,
      ...(input.etag !== undefined ? { etag: input.etag } : {}),
      ...(input.lastModified !== undefined ? { lastModified: input.lastModified } : {}),
      ...(input.contentType !== undefined ? { contentType: input.contentType } : {}),
    });
  }

  /** After a 304: the stored body is current again. */
  async refreshMeta(entry: MetaEntry): Promise<void> {
    const { body: _body, ...index } = entry;
    await this.putIndex({ ...index, storedAt: this.now() });
  }

  isFresh(entry: IndexEntry): boolean {
    return this.now() - entry.storedAt < this.metadataTtlMs;
  }

  /** Bytes of all blobs, with each blob's last access, oldest first. */
  private async listBlobs(): Promise<{ path: string; size: number; used: number }[]> {
    const root = join(this.dir, 'blobs');
    const out: { path: string; size: number; used: number }[] = [];
    let prefixes: string[];
    try {
      prefixes = await readdir(root);
    } catch {
      return out;
    }
    for (const prefix of prefixes) {
      let names: string[];
      try {
        names = await readdir(join(root, prefix));
      } catch {
        continue;
      }
      for (const name of names) {
        const path = join(root, prefix, name);
        try {
          const s = await stat(path);
          if (s.isFile()) out.push({ path, size: s.size, used: s.mtimeMs });
        } catch {
          // Removed by a concurrent eviction: nothing to count.
        }
      }
    }
    return out.sort((a, b) => a.used - b.used);
  }

  async totalBytes(): Promise<number> {
    return (await this.listBlobs()).reduce((sum, b) => sum + b.size, 0);
  }

  /** Removes the least recently used blobs until the total is under the cap. Index entries left dangling read as misses. */
  async evict(): Promise<{ removed: number; freedBytes: number }> {
    const blobs = await this.listBlobs();
    let total = blobs.reduce((sum, b) => sum + b.size, 0);
    let removed = 0;
    let freedBytes = 0;
    for (const blob of blobs) {
      if (total <= this.maxBytes) break;
      await rm(blob.path, { force: true }).catch(() => undefined);
      total -= blob.size;
      freedBytes += blob.size;
      removed++;
    }
    this.knownTotal = total;
    await this.atomicWrite(this.usagePath(), JSON.stringify({ bytes: total }));
    return { removed, freedBytes };
  }
}
