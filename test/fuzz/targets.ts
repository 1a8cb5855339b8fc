/**
 * Fuzz targets for the readers that take hostile bytes: the archive readers and the manifest, lockfile and
 * metadata parsers. Each target pairs a fast-check generator (valid documents, then mutated) with the one
 * property every reader owes its caller: it returns, or it throws an AssayError; it never crashes with
 * another exception, and what it returns stays inside the unpacking limits. test/fuzz/fuzz.test.ts runs
 * a few hundred inputs in CI; scripts/fuzz.ts runs them for as long as it is asked to.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { unpackBuffer } from '../../src/artifacts/load.ts';
import { buildTar, buildZip, type ZipEntrySpec } from '../../src/artifacts/testing/build-archives.ts';
import type { UnpackLimits } from '../../src/artifacts/types.ts';
import { isAssayError } from '../../src/core/errors.ts';
import { readNpmMetadata } from '../../src/metadata/npm/package-json.ts';
import { parseCoreMetadata } from '../../src/metadata/python/core-metadata.ts';
import { readPythonMetadata } from '../../src/metadata/python/read.ts';
import { parsePackageJson } from '../../src/sources/manifests/package-json.ts';
import { parsePackageLock } from '../../src/sources/manifests/package-lock.ts';
import { parsePipfileLock } from '../../src/sources/manifests/pipfile-lock.ts';
import { parsePnpmLock } from '../../src/sources/manifests/pnpm-lock.ts';
import { parsePoetryLock } from '../../src/sources/manifests/poetry-lock.ts';
import { parsePylock } from '../../src/sources/manifests/pylock.ts';
import { parsePyproject } from '../../src/sources/manifests/pyproject.ts';
import { parseSetupCfg } from '../../src/sources/manifests/setup-cfg.ts';
import { parseUvLock } from '../../src/sources/manifests/uv-lock.ts';
import { parseYarnLock } from '../../src/sources/manifests/yarn-lock.ts';

/** Small limits, so that a generated input can reach every one of them quickly. */
const LIMITS: UnpackLimits = {
  maxTotalBytes: 256 * 1024,
  maxMembers: 64,
  maxMemberBytes: 64 * 1024,
  maxCompressionRatio: 50,
  maxNestingDepth: 2,
};

export interface FuzzTarget {
  readonly name: string;
  /** One generated input, run against the reader; rejects only when the property is broken. */
  readonly property: fc.IAsyncPropertyWithHooks<[Buffer]>;
}

/** Expected failures are AssayErrors; anything else is a crash the fuzzer reports. */
function tolerated(error: unknown): void {
  if (isAssayError(error) && error.code !== 'E_INTERNAL') return;
  throw error;
}

// Mutations: what a hostile author or a damaged download does to a valid file.
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 16 }) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('prefix' as const), bytes: fc.uint8Array({ maxLength: 64 }) }),
  fc.record({ kind: fc.constant('u32' as const), at: fc.nat(), value: fc.nat() }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(input: Buffer, mutations: readonly Mutation[]): Buffer {
  let out = input;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : ('at' in m ? m.at : 0) % out.length;
    switch (m.kind) {
      case 'flip':
        if (out.length > 0) {
          out = Buffer.from(out);
          out[at] = m.value;
        }
        break;
      case 'truncate':
        out = out.subarray(0, at);
        break;
      case 'insert':
        out = Buffer.concat([out.subarray(0, at), Buffer.from(m.bytes), out.subarray(at)]);
        break;
      case 'delete':
        out = Buffer.concat([out.subarray(0, at), out.subarray(at + m.length)]);
        break;
      case 'prefix':
        out = Buffer.concat([Buffer.from(m.bytes), out]);
        break;
      case 'u32':
        if (out.length >= 4) {
          out = Buffer.from(out);
          out.writeUInt32LE(m.value >>> 0, Math.min(at, out.length - 4));
        }
        break;
    }
  }
  return out;
}

function mutated(base: fc.Arbitrary<Buffer>): fc.Arbitrary<Buffer> {
  return fc
    .tuple(base, fc.array(mutation, { maxLength: 4 }))
    .map(([bytes, mutations]) => mutate(bytes, mutations));
}

const memberName = fc.oneof(
  fc.constantFrom('pkg/__init__.py', 'pkg/a.js', 'package/package.json', 'x.dist-info/METADATA', '../up.py'),
  fc.constantFrom('/abs.py', 'a/../../b', 'C:\\win.py', 'dir/', 'pkg/inner.zip', 'a\u0000b'),
  fc.string({ maxLength: 40 }),
);
const memberData = fc.oneof(
  fc.uint8Array({ maxLength: 512 }).map((a) => Buffer.from(a)),
  fc.string({ maxLength: 256 }).map((s) => Buffer.from(s)),
  fc.integer({ min: 1, max: 200_000 }).map((n) => Buffer.alloc(n, 0x20)),
);
const zipEntry: fc.Arbitrary<ZipEntrySpec> = fc.record(
  {
    name: memberName,
    data: memberData,
    method: fc.constantFrom(0, 8, 8, 12, 14, 99),
    declaredSize: fc.nat({ max: 1 << 20 }),
    unixMode: fc.constantFrom(0o100644, 0o120777, 0o040755, 0o020644, 0o010644),
    encrypted: fc.boolean(),
  },
  { requiredKeys: ['name', 'data'] },
);
const zips = fc.array(zipEntry, { maxLength: 8 }).map((entries) => buildZip(entries));
const tars = fc
  .array(
    fc.record(
      {
        name: memberName,
        data: memberData,
        type: fc.constantFrom('0', '1', '2', '3', '5', '6', 'x', 'L', 'g', 'K'),
        linkname: fc.string({ maxLength: 20 }),
        declaredSize: fc.nat({ max: 1 << 20 }),
        gnuLongName: fc.boolean(),
      },
      { requiredKeys: ['name', 'data'] },
    ),
    { maxLength: 8 },
  )
  .map((entries) => buildTar(entries));
const archives = fc.oneof(
  mutated(zips),
  mutated(tars),
  mutated(tars.map((tar) => gzipSync(tar))),
  // A zip inside a zip: the nested reader shares the limits of the outer one.
  mutated(zips.map((inner) => buildZip([{ name: 'pkg/inner.whl', data: inner, method: 0 }]))),
  fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a)),
);

const archiveTarget: FuzzTarget = {
  name: 'archive',
  property: fc.asyncProperty(archives, async (bytes) => {
    try {
      const artifact = await unpackBuffer(bytes, 'fuzz.bin', LIMITS);
      const total = artifact.files.reduce((sum, file) => sum + file.data.length, 0);
      // The total may pass the limit by at most one member: a reader checks before it reads.
      if (total > LIMITS.maxTotalBytes + LIMITS.maxMemberBytes) throw new Error(`kept ${total} bytes`);
      if (artifact.files.length > LIMITS.maxMembers * (LIMITS.maxNestingDepth + 1))
        throw new Error(`kept ${artifact.files.length} files`);
      // Whatever the archive holds, reading the metadata of what was kept never throws.
      await readPythonMetadata(artifact.files);
      readNpmMetadata(artifact.files);
    } catch (error) {
      tolerated(error);
    }
  }),
};

type TextParser = (file: string, text: string) => unknown;

/** A valid document of the format, so that mutations start from something the parser goes deep into. */
const SEEDS: Readonly<Record<string, string>> = {
  'package.json':
    '{"name":"a","version":"1.0.0","scripts":{"postinstall":"node x.js"},"dependencies":{"b":"^1.0.0"},"devDependencies":{"c":"file:../c"}}',
  'package-lock.json':
    '{"name":"a","lockfileVersion":3,"packages":{"":{"dependencies":{"b":"^1"}},"node_modules/b":{"version":"1.0.0","resolved":"https://registry.npmjs.org/b/-/b-1.0.0.tgz","integrity":"sha512-x"},"node_modules/b/node_modules/c":{"version":"2.0.0","dev":true}},"dependencies":{"b":{"version":"1.0.0","requires":{"c":"2"}}}}',
  'yarn.lock':
    '# yarn lockfile v1\n\n"b@^1.0.0", b@^1.1:\n  version "1.0.0"\n  resolved "https://registry.yarnpkg.com/b/-/b-1.0.0.tgz#abc"\n  dependencies:\n    c "^2"\n\nc@^2:\n  version "2.0.0"\n',
  'yarn-berry.lock':
    '__metadata:\n  version: 6\n\n"b@npm:^1.0.0":\n  version: 1.0.0\n  resolution: "b@npm:1.0.0"\n  dependencies:\n    c: ^2\n\n"c@npm:^2":\n  version: 2.0.0\n  resolution: "c@npm:2.0.0"\n',
  'pnpm-lock.yaml':
    "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      b:\n        specifier: ^1.0.0\n        version: 1.0.0\npackages:\n  b@1.0.0:\n    resolution: {integrity: sha512-x}\nsnapshots:\n  b@1.0.0:\n    dependencies:\n      c: 2.0.0\n  c@2.0.0: {}\n",
  'poetry.lock':
    '[[package]]\nname = "b"\nversion = "1.0.0"\noptional = false\ngroups = ["main"]\n\n[package.dependencies]\nc = ">=2"\n\n[metadata]\nlock-version = "2.0"\n',
  'uv.lock':
    'version = 1\n\n[[package]]\nname = "a"\nversion = "0.1.0"\nsource = { editable = "." }\ndependencies = [{ name = "b" }]\n\n[[package]]\nname = "b"\nversion = "1.0.0"\nsource = { registry = "https://pypi.org/simple" }\n',
  'Pipfile.lock':
    '{"_meta":{"hash":{"sha256":"x"}},"default":{"b":{"version":"==1.0.0","hashes":["sha256:x"]}},"develop":{"c":{"git":"https://x/c.git","ref":"abc"}}}',
  'pylock.toml':
    'lock-version = "1.0"\ncreated-by = "x"\n\n[[packages]]\nname = "b"\nversion = "1.0.0"\n\n[[packages.wheels]]\nurl = "https://x/b-1.0.0-py3-none-any.whl"\nhashes = { sha256 = "x" }\n',
  'pyproject.toml':
    '[project]\nname = "a"\nversion = "1"\ndependencies = ["b>=1; python_version>\'3\'", "c[x] @ https://x/c.whl"]\n\n[project.optional-dependencies]\ndev = ["d"]\n\n[tool.poetry.dependencies]\ne = "^1"\n',
  'setup.cfg': '[metadata]\nname = a\n\n[options]\ninstall_requires =\n    b>=1\n    c ; extra == "x"\n',
  METADATA:
    'Metadata-Version: 2.1\nName: a\nVersion: 1.0\nRequires-Dist: b (>=1)\nRequires-Dist: c; extra == "x"\nProject-URL: Home, https://x\n\nbody\n',
};

const PARSERS: Readonly<Record<string, TextParser>> = {
  'package.json': parsePackageJson,
  'package-lock.json': (file, text) => parsePackageLock(file, text),
  'yarn.lock': (file, text) => parseYarnLock(file, text),
  'yarn-berry.lock': (_file, text) => parseYarnLock('yarn.lock', text),
  'pnpm-lock.yaml': parsePnpmLock,
  'poetry.lock': parsePoetryLock,
  'uv.lock': parseUvLock,
  'Pipfile.lock': parsePipfileLock,
  'pylock.toml': parsePylock,
  'pyproject.toml': parsePyproject,
  'setup.cfg': parseSetupCfg,
  METADATA: (_file, text) => parseCoreMetadata(text),
};

/** Token-level changes on top of byte mutations: a parser is hardest hit where its grammar is. */
const tokens = fc.constantFrom(
  '{',
  '}',
  '[',
  ']',
  '"',
  ':',
  ',',
  '\n',
  '  ',
  '@',
  '#',
  '=',
  '\\',
  'file:..',
  'npm:',
  '\u0000',
  '\ud800',
  '__proto__',
  'constructor',
  '1e400',
);

function textInputs(seed: string): fc.Arbitrary<Buffer> {
  const edited = fc
    .tuple(fc.array(fc.tuple(fc.nat(), tokens), { maxLength: 6 }), fc.array(mutation, { maxLength: 3 }))
    .map(([inserts, mutations]) => {
      let text = seed;
      for (const [at, token] of inserts) {
        const i = at % (text.length + 1);
        text = text.slice(0, i) + token + text.slice(i);
      }
      return mutate(Buffer.from(text), mutations);
    });
  return fc.oneof(
    edited,
    fc.string({ maxLength: 300 }).map((s) => Buffer.from(s)),
  );
}

const textTargets: FuzzTarget[] = Object.entries(PARSERS).map(([name, parse]) => ({
  name,
  property: fc.asyncProperty(textInputs(SEEDS[name] ?? ''), async (bytes) => {
    const text = bytes.toString('utf8');
    try {
      parse(name.replace('yarn-berry.lock', 'yarn.lock'), text);
      if (name === 'package.json') readNpmMetadata([{ path: 'package/package.json', data: bytes }]);
      if (name === 'METADATA') await readPythonMetadata([{ path: 'a-1.0.dist-info/METADATA', data: bytes }]);
    } catch (error) {
      tolerated(error);
    }
  }),
}));

export const FUZZ_TARGETS: readonly FuzzTarget[] = [archiveTarget, ...textTargets];
