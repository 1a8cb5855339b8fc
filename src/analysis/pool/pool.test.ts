import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import type { PackageFile } from '../../artifacts/types.ts';
import { analyzePackage } from '../analyze-package.ts';
import { analyzeBatch } from './batch.ts';
import { AnalysisPool, analyzeFiles, detectLanguage } from './index.ts';

function file(path: string, text: string): PackageFile {
  return { path, data: Buffer.from(text) };
}

describe('detectLanguage', () => {
  it('knows Python by extension and by #! line, and nothing else', () => {
    assert.equal(detectLanguage('pkg/a.py', Buffer.from('')), 'python');
    assert.equal(detectLanguage('pkg/A.PYW', Buffer.from('')), 'python');
    assert.equal(detectLanguage('stubs/a.pyi', Buffer.from('')), 'python');
    assert.equal(detectLanguage('bin/tool', Buffer.from('#!/usr/bin/env python3\nimport os\n')), 'python');
    assert.equal(detectLanguage('bin/tool', Buffer.from('#!/bin/sh\necho python\n')), undefined);
    assert.equal(detectLanguage('README.md', Buffer.from('python')), undefined);
    assert.equal(detectLanguage('.py', Buffer.from('')), undefined);
  });
});

// Twenty small modules, each with a call that resolves through an alias.
const corpus: PackageFile[] = Array.from({ length: 20 }, (_, i) =>
  file(`pkg/m${i}.py`, `import os as o${i}\nx = 'a' + str(${i})\no${i}.system('cmd ${i}')\n`),
);

describe('analyzeFiles', () => {
  it('analyses Python files in-process, in input order, and skips other files', async () => {
    const files = [
      file('README.md', 'os.system("x")'),
      file('b.py', 'import os\nos.remove(p)'),
      file('a.py', 'eval(x)'),
    ];
    const { sources, problems } = await analyzeFiles(files, { maxThreads: 1 });
    assert.deepEqual(
      sources.map((s) => [s.file, s.calls[0]?.callee]),
      [
        ['b.py', 'os.remove'],
        ['a.py', 'builtins.eval'],
      ],
    );
    assert.deepEqual(problems, []);
  });

  it('turns a file whose analysis throws into an analyzer-crash and goes on', async () => {
    const results = await analyzeBatch({
      files: [
        { index: 0, path: 'bad.py', language: 'python', data: {} as unknown as Uint8Array },
        { index: 1, path: 'good.py', language: 'python', data: Buffer.from('exec(c)') },
      ],
      options: {},
    });
    assert.equal(results[0]?.facts, undefined);
    assert.equal(results[0]?.problems[0]?.kind, 'analyzer-crash');
    assert.equal(results[0]?.problems[0]?.file, 'bad.py');
    assert.equal(results[1]?.facts?.calls[0]?.callee, 'builtins.exec');
  });

  it('reports parse problems with the file, not as a crash', async () => {
    const { sources, problems } = await analyzeFiles([file('broken.py', 'import os\nos.system(')], {
      maxThreads: 1,
    });
    assert.equal(sources[0]?.partial, true);
    assert.deepEqual(
      problems.map((p) => [p.file, p.kind]),
      [['broken.py', 'parse-error']],
    );
  });

  describe('on worker threads', () => {
    const pool = new AnalysisPool(2);
    after(() => pool.close());

    it('returns the same facts as in-process', async () => {
      const inProcess = await analyzeFiles(corpus, { maxThreads: 1 });
      const threaded = await analyzeFiles(corpus, { pool });
      assert.equal(pool.threads, 2);
      assert.equal(threaded.sources.length, 20);
      assert.deepEqual(threaded, inProcess);
      assert.equal(threaded.sources[7]?.calls.find((c) => c.line === 3)?.callee, 'os.system');
    });

    it('a shared pool also reads the URLs of files no analyzer knows, and the package facts match in-process', async () => {
      const files = [
        file('pkg/a.py', "URL = 'https://a.example/x'\n"),
        file('pkg/data.json', '{"docs": "see https://b.example/y"}\n'),
        file(
          'pkg/blob.bin',
          Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from('http://c.example/z')]).toString('latin1'),
        ),
      ];
      const shared = await analyzeFiles(files, { pool });
      assert.deepEqual(
        [...shared.urlsByFile.entries()].map(([index, urls]) => [index, urls.map((url) => url.url)]),
        [
          [0, ['https://a.example/x']],
          [1, ['https://b.example/y']],
          [2, ['http://c.example/z']],
        ],
      );
      const viaPool = await analyzePackage(files, { pool });
      const inProcess = await analyzePackage(files, { workers: 1 });
      assert.deepEqual(viaPool.urls, inProcess.urls);
    });

    it('sends files that are views into one archive buffer with their own bytes only', async () => {
      const texts = corpus.slice(0, 6).map((f) => Buffer.from(f.data));
      const archive = Buffer.concat([Buffer.from('x'.repeat(1000)), ...texts]);
      let at = 1000;
      const views = corpus.slice(0, 6).map((f, i) => {
        const length = texts[i]?.length ?? 0;
        const view = { ...f, data: archive.subarray(at, at + length) };
        at += length;
        return view;
      });
      assert.deepEqual(await analyzeFiles(views, { pool }), await analyzeFiles(views, { maxThreads: 1 }));
    });

    it('with its own pool, the main thread and a worker share the batches and agree with in-process', async () => {
      const shared = await analyzeFiles(corpus, { maxThreads: 2, inProcessBelowBytes: 0 });
      assert.deepEqual(shared, await analyzeFiles(corpus, { maxThreads: 1 }));
    });

    it('starts and closes its own pool when none is given', async () => {
      const { sources } = await analyzeFiles(corpus.slice(0, 4), { maxThreads: 2, inProcessBelowBytes: 0 });
      assert.deepEqual(
        sources.map((s) => s.file),
        ['pkg/m0.py', 'pkg/m1.py', 'pkg/m2.py', 'pkg/m3.py'],
      );
    });
  });
});
