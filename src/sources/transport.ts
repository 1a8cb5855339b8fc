import { AssayError } from '../core/errors.ts';
import type { Cache } from './cache.ts';
import { sha256Hex, verifyHashes } from './hash.ts';
import type { HttpClient } from './http.ts';
import { redactUrl } from './http.ts';
import type { ArtifactFile, FetchedBytes } from './types.ts';

export interface TransportLimits {
  /** Largest metadata response read (a packument of a package with thousands of versions runs to tens of MB). */
  readonly maxMetadataBytes: number;
  readonly maxArtifactBytes: number;
}

export const DEFAULT_TRANSPORT_LIMITS: TransportLimits = {
  maxMetadataBytes: 128 * 1024 * 1024,
  maxArtifactBytes: 512 * 1024 * 1024,
};

export interface MetaResponse {
  readonly body: Buffer;
  readonly contentType: string;
  /** After redirects; relative links in an index page resolve against it. */
  readonly url: string;
  readonly fromCache: boolean;
}

/** HTTP plus the cache plus offline mode: what both registry clients share. */
export class Transport {
  readonly http: HttpClient;
  readonly cache: Cache | undefined;
  readonly offline: boolean;
  readonly limits: TransportLimits;

  constructor(
    http: HttpClient,
    cache: Cache | undefined,
    offline: boolean,
    limits: Partial<TransportLimits> = {},
  ) {
    this.http = http;
    this.cache = cache;
    this.offline = offline;
    this.limits = { ...DEFAULT_TRANSPORT_LIMITS, ...limits };
  }

  /**
   * A metadata document, from the cache while fresh, else revalidated with ETag / Last-Modified.
   * Not-found answers are not cached: a name can be registered at any moment.
   */
  async getMeta(
    url: string,
    accept: string,
    what: string,
    headers: Readonly<Record<string, string>> = {},
  ): Promise<MetaResponse> {
    const key = `meta ${accept} ${redactUrl(url)}`;
    const cached = this.cache ? await this.cache.getMeta(key) : undefined;
    if (this.offline) {
      if (cached === undefined) {
        throw new AssayError('E_OFFLINE', `Offline, and ${what} is not in the cache (${redactUrl(url)}).`);
      }
      return {
        body: cached.body,
        contentType: cached.contentType ?? '',
        url: cached.url ?? url,
        fromCache: true,
      };
    }
    if (cached !== undefined && this.cache?.isFresh(cached)) {
      return {
        body: cached.body,
        contentType: cached.contentType ?? '',
        url: cached.url ?? url,
        fromCache: true,
      };
    }
    const conditional: Record<string, string> = { ...headers };
    if (cached?.etag !== undefined) conditional['if-none-match'] = cached.etag;
    if (cached?.lastModified !== undefined) conditional['if-modified-since'] = cached.lastModified;
    const response = await this.http.get({
      url,
      what,
      accept,
      headers: conditional,
      maxBytes: this.limits.maxMetadataBytes,
      passStatuses: cached !== undefined ? [304] : [],
    });
    if (response.status === 304 && cached !== undefined) {
      await this.cache?.refreshMeta(cached);
      return {
        body: cached.body,
        contentType: cached.contentType ?? '',
        url: cached.url ?? url,
        fromCache: true,
      };
    }
    const contentType = response.headers.get('content-type') ?? '';
    const etag = response.headers.get('etag') ?? undefined;
    const lastModified = response.headers.get('last-modified') ?? undefined;
    await this.cache?.putMeta(key, {
      url: response.url,
      body: response.body,
      contentType,
      ...(etag !== undefined ? { etag } : {}),
      ...(lastModified !== undefined ? { lastModified } : {}),
    });
    return { body: response.body, contentType, url: response.url, fromCache: false };
  }

  /** The artifact's bytes, verified against the registry's digest whether they came from the cache or the wire. */
  async getArtifact(
    file: ArtifactFile,
    headers: Readonly<Record<string, string>> = {},
  ): Promise<FetchedBytes> {
    const what = `${file.filename} (${file.ecosystem} ${file.name} ${file.version})`;
    const integrityKey =
      file.hashes.integrity !== undefined ? `integrity ${file.hashes.integrity}` : undefined;
    const shaKey = file.hashes.sha1 !== undefined ? `sha1 ${file.hashes.sha1.toLowerCase()}` : undefined;
    if (this.cache !== undefined) {
      let bytes: Buffer | undefined;
      if (file.hashes.sha256 !== undefined) bytes = await this.cache.getBlob(file.hashes.sha256);
      if (bytes === undefined && integrityKey !== undefined) bytes = await this.cache.getRef(integrityKey);
      if (bytes === undefined && shaKey !== undefined) bytes = await this.cache.getRef(shaKey);
      if (bytes !== undefined) {
        const verifiedWith = verifyHashes(bytes, file.hashes, what);
        return { bytes, sha256: sha256Hex(bytes), fromCache: true, verifiedWith };
      }
    }
    if (this.offline) {
      throw new AssayError('E_OFFLINE', `Offline, and ${what} is not in the cache.`);
    }
    const response = await this.http.get({
      url: file.url,
      what,
      headers,
      maxBytes: this.limits.maxArtifactBytes,
    });
    if (file.size !== undefined && response.body.length !== file.size) {
      throw new AssayError(
        'E_HASH_MISMATCH',
        `Size mismatch for ${what}: downloaded ${response.body.length} bytes, the registry lists ${file.size}.`,
      );
    }
    const verifiedWith = verifyHashes(response.body, file.hashes, what);
    let sha256: string;
    if (this.cache !== undefined) {
      sha256 = await this.cache.putBlob(response.body);
      // An artifact without any published digest is stored but never looked up: nothing could vouch for it later.
      if (integrityKey !== undefined) await this.cache.putRef(integrityKey, sha256);
      if (shaKey !== undefined) await this.cache.putRef(shaKey, sha256);
    } else {
      sha256 = sha256Hex(response.body);
    }
    return { bytes: response.body, sha256, fromCache: false, verifiedWith };
  }
}
