import { normalizePypiName } from './names.ts';
import type { ArtifactKind } from './types.ts';

export interface ParsedFilename {
  readonly kind: ArtifactKind;
  readonly version: string;
  /** Wheels tagged `*-none-any`: pure Python, the same on every platform. */
  readonly pure?: boolean;
}

const SDIST_EXTENSIONS = ['.tar.gz', '.tar.bz2', '.tar.xz', '.tar.Z', '.tar', '.tgz', '.tbz', '.txz', '.zip'];
const OTHER_EXTENSIONS = ['.egg', '.exe', '.msi', '.rpm', '.dmg', '.deb'];

/**
 * The version a distribution file belongs to, from its name. Wheels: `{name}-{ver}(-{build})?-{py}-{abi}-{plat}.whl`.
 * sdists: `{name}-{ver}.{ext}`, where old sdists keep '-' or '.' in the name, so the split is found by
 * comparing normalized prefixes with the project name (as installers do). Undefined when it is not this project's.
 */
export function parseDistFilename(filename: string, project: string): ParsedFilename | undefined {
  const normalized = normalizePypiName(project);
  const lower = filename.toLowerCase();
  if (lower.endsWith('.whl')) {
    const parts = filename.slice(0, -4).split('-');
    if (parts.length !== 5 && parts.length !== 6) return undefined;
    if (normalizePypiName(parts[0] ?? '') !== normalized) return undefined;
    const abi = parts[parts.length - 2] ?? '';
    const platform = parts[parts.length - 1] ?? '';
    return { kind: 'wheel', version: parts[1] ?? '', pure: abi === 'none' && platform === 'any' };
  }
  const sdistExt = SDIST_EXTENSIONS.find((ext) => lower.endsWith(ext.toLowerCase()));
  const otherExt = sdistExt === undefined ? OTHER_EXTENSIONS.find((ext) => lower.endsWith(ext)) : undefined;
  const ext = sdistExt ?? otherExt;
  if (ext === undefined) return undefined;
  const stem = filename.slice(0, -ext.length);
  for (let i = stem.indexOf('-'); i > 0; i = stem.indexOf('-', i + 1)) {
    if (normalizePypiName(stem.slice(0, i)) !== normalized) continue;
    let version = stem.slice(i + 1);
    // Eggs and bdist_wininst installers carry a Python tag after the version: `-py3.8`, `.win32-py2.7`.
    if (otherExt !== undefined) version = version.split('-')[0] ?? version;
    if (version === '') return undefined;
    return { kind: sdistExt !== undefined ? 'sdist' : 'other', version };
  }
  return undefined;
}
