import type { EmbeddedFileFact, EmbeddedKind } from '../../analysis/types.ts';
import type { Occurrence } from '../../catalog/types.ts';
import { locatedDetail } from './occurrence.ts';

export const EXECUTABLE_KINDS: ReadonlySet<EmbeddedKind> = new Set(['elf', 'pe', 'mach-o']);
export const ARCHIVE_KINDS: ReadonlySet<EmbeddedKind> = new Set([
  'zip',
  'gzip',
  'bzip2',
  'xz',
  '7z',
  'rar',
  'tar',
]);

/** Extensions each kind normally carries; anything else is a disguise worth naming. */
const EXPECTED_EXTENSIONS: Record<EmbeddedKind, readonly string[]> = {
  elf: ['.so', '.o', '', '.bin', '.elf', '.node', '.ko'],
  pe: ['.exe', '.dll', '.pyd', '.sys', '.ocx', '.scr', '.cpl', '.node', '.com'],
  'mach-o': ['.dylib', '.so', '', '.bundle', '.node'],
  'java-class': ['.class'],
  zip: [
    '.zip',
    '.whl',
    '.jar',
    '.egg',
    '.npz',
    '.xlsx',
    '.docx',
    '.pptx',
    '.odt',
    '.ods',
    '.apk',
    '.war',
    '.kmz',
    '.epub',
    '.nupkg',
    '.vsix',
    '.xpi',
    '.pkl',
    '.pt',
    '.pth',
    '.keras',
  ],
  gzip: ['.gz', '.tgz', '.tar.gz', '.svgz', '.emz'],
  bzip2: ['.bz2', '.tbz', '.tar.bz2'],
  xz: ['.xz', '.txz', '.tar.xz', '.lzma'],
  '7z': ['.7z'],
  rar: ['.rar'],
  tar: ['.tar'],
  pyc: ['.pyc', '.pyo'],
  wasm: ['.wasm'],
  'shell-script': ['.sh', '.bash', ''],
  'batch-script': ['.bat', '.cmd'],
  'powershell-script': ['.ps1', '.psm1', '.psd1'],
};

export function isDisguised(fact: EmbeddedFileFact): boolean {
  return !EXPECTED_EXTENSIONS[fact.kind].includes(fact.extension.toLowerCase());
}

/**
 * Names of formats that are read, never run: an executable under one of them is hiding. Any other unexpected
 * name (`.bare` addons, `libvips.so.8.18.8`, `sass.snapshot`) is a runtime's own convention, not a disguise.
 */
const DECOY_EXTENSIONS = new Set([
  ...['.png', '.jpg', '.jpeg', '.gif', '.bmp', '.ico', '.svg', '.webp', '.tif', '.tiff'],
  ...['.txt', '.md', '.rst', '.json', '.xml', '.yaml', '.yml', '.toml', '.ini', '.cfg', '.conf', '.csv'],
  ...['.log', '.lock', '.map', '.html', '.htm', '.css', '.pdf', '.doc', '.docx', '.xls', '.xlsx'],
  ...['.js', '.cjs', '.mjs', '.ts', '.py', '.d.ts', '.mp3', '.mp4', '.wav', '.avi', '.mov', '.ttf'],
  ...['.woff', '.woff2', '.otf', '.dat', '.db', '.tmp', '.bak', '.zip', '.gz', '.tgz'],
]);

/** An executable under the name of a format that is read, never run (an ELF named .png, a PE named .txt). */
export function isDecoyNamed(fact: EmbeddedFileFact): boolean {
  return isDisguised(fact) && DECOY_EXTENSIONS.has(fact.extension.toLowerCase());
}

/** Embedded files have no line: the evidence names the file and what its bytes are. */
export function embeddedOccurrence(fact: EmbeddedFileFact): Occurrence {
  const disguise = isDisguised(fact) ? `, disguised as '${fact.extension || 'no extension'}'` : '';
  return {
    file: fact.file,
    field: 'content',
    snippet: fact.detail,
    detail: locatedDetail(fact.file, `${fact.kind} file${disguise}`),
  };
}
