/**
 * What a file really is, from its first bytes, next to the extension it carries: a `.png` that
 * starts with an ELF header is a disguised executable. Facts only; the behaviors judge.
 */
import type { PackageFile } from '../../artifacts/types.ts';
import type { EmbeddedFileFact, EmbeddedKind } from '../types.ts';

/** The lowercased extension with its dot ('.tar.gz' for double archive extensions), or '' when none. */
export function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const compound = /\.tar\.(?:gz|bz2|xz|zst)$/.exec(name);
  if (compound) return compound[0];
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot) : '';
}

interface Detection {
  readonly kind: EmbeddedKind;
  readonly detail: string;
}

function startsWith(bytes: Buffer, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (bytes[at + i] !== magic[i]) return false;
  return true;
}

/** Python 3 bytecode magics are 3000–3999; Python 2.3–2.7 used 62011–62211. Both are followed by \r\n. */
function pycVersion(magic: number): string | null {
  if (magic >= 3000 && magic < 4000) return 'Python 3';
  if (magic >= 62011 && magic <= 62211) return 'Python 2';
  return null;
}

const MACHO_MAGICS: readonly (readonly [readonly number[], string])[] = [
  [[0xfe, 0xed, 0xfa, 0xce], '32-bit, big-endian'],
  [[0xfe, 0xed, 0xfa, 0xcf], '64-bit, big-endian'],
  [[0xce, 0xfa, 0xed, 0xfe], '32-bit, little-endian'],
  [[0xcf, 0xfa, 0xed, 0xfe], '64-bit, little-endian'],
];

function detectMagic(bytes: Buffer): Detection | null {
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) {
    const bits = bytes[4] === 2 ? '64-bit' : bytes[4] === 1 ? '32-bit' : 'unknown class';
    return { kind: 'elf', detail: `ELF executable or shared object (${bits})` };
  }
  if (startsWith(bytes, [0x4d, 0x5a]) && bytes.length >= 0x40) {
    // MZ alone is two printable letters; a real PE has e_lfanew (offset 0x3C) pointing at "PE\0\0".
    const peOffset = bytes.readUInt32LE(0x3c);
    if (peOffset + 4 <= bytes.length && startsWith(bytes, [0x50, 0x45, 0, 0], peOffset)) {
      return { kind: 'pe', detail: 'Windows PE executable or DLL' };
    }
  }
  for (const [magic, detail] of MACHO_MAGICS) {
    if (startsWith(bytes, magic)) return { kind: 'mach-o', detail: `Mach-O binary (${detail})` };
  }
  if (startsWith(bytes, [0xca, 0xfe, 0xba, 0xbe]) || startsWith(bytes, [0xca, 0xfe, 0xba, 0xbf])) {
    // Fat Mach-O and Java class files share CAFEBABE. The next big-endian word is the architecture
    // count in a fat binary (a handful) and minor<<16|major in a class file (major is 45 or more).
    if (bytes.length < 8) return null;
    const word = bytes.readUInt32BE(4);
    if (word > 0 && word < 20)
      return { kind: 'mach-o', detail: `universal (fat) Mach-O binary, ${word} architectures` };
    if (bytes[3] === 0xbe && bytes.readUInt16BE(6) >= 45) {
      return { kind: 'java-class', detail: `Java class file (class format ${bytes.readUInt16BE(6)})` };
    }
    return null;
  }
  if (
    startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) ||
    startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]) ||
    startsWith(bytes, [0x50, 0x4b, 0x07, 0x08])
  ) {
    return { kind: 'zip', detail: 'zip archive (also jar, wheel, apk, Office documents)' };
  }
  if (startsWith(bytes, [0x1f, 0x8b])) return { kind: 'gzip', detail: 'gzip-compressed data' };
  if (startsWith(bytes, [0x42, 0x5a, 0x68]) && bytes.length > 3 && bytes[3]! >= 0x31 && bytes[3]! <= 0x39) {
    return { kind: 'bzip2', detail: 'bzip2-compressed data' };
  }
  if (startsWith(bytes, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))
    return { kind: 'xz', detail: 'xz-compressed data' };
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return { kind: '7z', detail: '7-Zip archive' };
  if (startsWith(bytes, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07])) return { kind: 'rar', detail: 'RAR archive' };
  if (startsWith(bytes, [0x75, 0x73, 0x74, 0x61, 0x72], 257)) return { kind: 'tar', detail: 'tar archive' };
  if (startsWith(bytes, [0x00, 0x61, 0x73, 0x6d])) return { kind: 'wasm', detail: 'WebAssembly module' };
  if (bytes.length >= 8 && bytes[2] === 0x0d && bytes[3] === 0x0a) {
    const version = pycVersion(bytes.readUInt16LE(0));
    if (version) return { kind: 'pyc', detail: `${version} bytecode (magic ${bytes.readUInt16LE(0)})` };
  }
  return null;
}

const SHELL_INTERPRETERS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'mksh', 'busybox']);
const POWERSHELL_INTERPRETERS = new Set(['pwsh', 'powershell', 'powershell.exe', 'pwsh.exe']);

const SCRIPT_EXTENSIONS: Readonly<Record<string, EmbeddedKind>> = {
  '.sh': 'shell-script',
  '.bash': 'shell-script',
  '.zsh': 'shell-script',
  '.ksh': 'shell-script',
  '.command': 'shell-script',
  '.bat': 'batch-script',
  '.cmd': 'batch-script',
  '.ps1': 'powershell-script',
  '.psm1': 'powershell-script',
  '.psd1': 'powershell-script',
};

/**
 * Documentation and source files quote scripts all the time (a README's install snippet, a
 * docstring); content clues there say nothing about the file itself, so only a shebang counts.
 */
const QUOTING_EXTENSIONS = new Set([
  '.md',
  '.markdown',
  '.rst',
  '.txt',
  '.html',
  '.htm',
  '.adoc',
  '.ipynb',
  '.json',
  '.yml',
  '.yaml',
  '.toml',
  '.py',
  '.pyi',
  '.js',
  '.cjs',
  '.mjs',
  '.ts',
  '.tsx',
  '.jsx',
  '.rb',
  '.go',
  '.rs',
  '.java',
  '.c',
  '.h',
  '.cpp',
]);

function firstMeaningfulLine(head: string): string {
  for (const line of head.split(/\r?\n/, 40)) {
    const trimmed = line.trim();
    if (trimmed !== '') return trimmed;
  }
  return '';
}

function detectScript(bytes: Buffer, extension: string): Detection | null {
  const head = bytes
    .subarray(0, 4096)
    .toString('utf8')
    .replace(/^\ufeff/, '');
  if (head.startsWith('#!')) {
    const line = head.slice(2, head.search(/\r?\n|$/)).trim();
    const parts = line.split(/\s+/);
    let program = (parts[0] ?? '').split('/').at(-1) ?? '';
    // `#!/usr/bin/env -S bash -e`: the interpreter is the first word after env and its options.
    if (program === 'env') program = parts.slice(1).find((p) => !p.startsWith('-')) ?? '';
    if (SHELL_INTERPRETERS.has(program)) return { kind: 'shell-script', detail: `shell script (#!${line})` };
    if (POWERSHELL_INTERPRETERS.has(program)) {
      return { kind: 'powershell-script', detail: `PowerShell script (#!${line})` };
    }
  }
  if (!QUOTING_EXTENSIONS.has(extension)) {
    const first = firstMeaningfulLine(head);
    if (/^@?echo\s+off\b/i.test(first))
      return { kind: 'batch-script', detail: 'batch script (starts with echo off)' };
    if (
      /^(?:\[CmdletBinding\(|#Requires\s+-|param\s*\(\s*\[|Set-StrictMode\b|\$ErrorActionPreference\s*=)/i.test(
        first,
      )
    ) {
      return { kind: 'powershell-script', detail: 'PowerShell script (PowerShell syntax on its first line)' };
    }
  }
  const byExtension = SCRIPT_EXTENSIONS[extension];
  if (byExtension) return { kind: byExtension, detail: `script by its extension ${extension}` };
  return null;
}

/** The kind of an executable, archive, bytecode or script file, or null for ordinary data and source. */
export function detectEmbedded(file: PackageFile): EmbeddedFileFact | null {
  const extension = extensionOf(file.path);
  const found = detectMagic(file.data) ?? detectScript(file.data, extension);
  if (!found) return null;
  return { file: file.path, kind: found.kind, extension, detail: found.detail };
}

const BINARY_SNIFF_BYTES = 8192;

/** A NUL in the first 8 KB, or a known binary magic: read as strings, not as lines of text. */
export function isProbablyBinary(bytes: Buffer): boolean {
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return true;
  const magic = detectMagic(bytes);
  return magic !== null && magic.kind !== 'tar';
}

export interface PrintableString {
  /** Byte offset of the first character in the file. */
  readonly offset: number;
  readonly text: string;
  readonly encoding: 'ascii' | 'utf16le';
}

/** Runs kept per file: bounds memory on a hostile binary full of short runs around the signs. */
const MAX_STRINGS = 200_000;

function isPrintable(byte: number | undefined): boolean {
  return byte !== undefined && ((byte >= 0x20 && byte <= 0x7e) || byte === 0x09);
}

/**
 * The printable runs of a binary that contain one of `signs`, as strings(1) would list them: ASCII runs
 * (printable bytes) and UTF-16LE runs (printable byte, NUL, repeated) of at least `min` characters.
 * Each sign is given in both encodings by the caller. Only the neighbourhood of each sign is read, so a
 * 30 MB shared library costs a few memory searches instead of a regex over every byte: a URL cannot
 * sit in a run that holds none of the signs.
 */
export function printableRunsAround(
  bytes: Buffer,
  signs: { readonly ascii: readonly Buffer[]; readonly wide: readonly Buffer[] },
  min = 6,
): PrintableString[] {
  const runs = new Map<number, PrintableString>();
  const least = Math.max(1, Math.floor(min));
  for (const sign of signs.ascii) {
    for (let at = bytes.indexOf(sign); at >= 0 && runs.size < MAX_STRINGS; at = bytes.indexOf(sign, at + 1)) {
      let start = at;
      while (start > 0 && isPrintable(bytes[start - 1])) start--;
      let end = at + sign.length;
      while (end < bytes.length && isPrintable(bytes[end])) end++;
      if (end - start >= least && !runs.has(start))
        runs.set(start, { offset: start, text: bytes.toString('latin1', start, end), encoding: 'ascii' });
      at = end;
    }
  }
  for (const sign of signs.wide) {
    for (let at = bytes.indexOf(sign); at >= 0 && runs.size < MAX_STRINGS; at = bytes.indexOf(sign, at + 1)) {
      let start = at;
      while (start >= 2 && isPrintable(bytes[start - 2]) && bytes[start - 1] === 0) start -= 2;
      let end = at + sign.length;
      while (end + 1 < bytes.length && isPrintable(bytes[end]) && bytes[end + 1] === 0) end += 2;
      if ((end - start) / 2 >= least && !runs.has(start))
        runs.set(start, { offset: start, text: bytes.toString('utf16le', start, end), encoding: 'utf16le' });
      at = end;
    }
  }
  return [...runs.values()].sort((a, b) => a.offset - b.offset);
}
