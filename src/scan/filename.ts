import { basename } from 'node:path';

/**
 * Name and version as the artifact's file name states them, used only when the package carries no
 * metadata of its own. Wheel: {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl (PEP 427);
 * sdist: {name}-{version}.tar.gz (PEP 625); egg: {name}-{version}(-pyX.Y)?.egg; npm pack: {name}-{version}.tgz.
 */
export function nameAndVersionFromFileName(path: string): { name?: string; version?: string } {
  const file = basename(path);
  const wheel = /^([^-]+)-([^-]+)(?:-\d[^-]*)?-[^-]+-[^-]+-[^-]+\.whl$/i.exec(file);
  if (wheel) return { name: wheel[1], version: wheel[2] };
  const egg = /^([^-]+)-([^-]+)(?:-py\d[^-]*)?(?:-[^-]+)?\.egg$/i.exec(file);
  if (egg) return { name: egg[1], version: egg[2] };
  const archive = /^(.+?)-(\d[^-]*?)\.(?:tar\.gz|tgz|tar\.bz2|tbz2?|tar\.xz|txz|tar|zip)$/i.exec(file);
  if (archive) return { name: archive[1], version: archive[2] };
  const dir = /^(.+?)-(\d[\w.+!-]*)$/.exec(file);
  if (dir) return { name: dir[1], version: dir[2] };
  return {};
}
