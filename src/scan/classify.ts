import { parseTarget } from '../sources/target.ts';
import type { RegistryTarget } from '../sources/types.ts';
import { classifyPath } from './project.ts';

/**
 * What the user named, classified once, before anything is read: a package on a registry, a package on disk
 * (archive, directory or single file), or a project (a manifest, a lockfile, or a directory holding one).
 */
export type ClassifiedTarget =
  | { readonly kind: 'registry'; readonly target: RegistryTarget }
  | { readonly kind: 'package'; readonly path: string; readonly file: boolean }
  | { readonly kind: 'project'; readonly path: string };

export async function classifyTarget(input: string): Promise<ClassifiedTarget> {
  const parsed = parseTarget(input);
  if (parsed.kind === 'registry') return { kind: 'registry', target: parsed };
  const { kind, file } = await classifyPath(parsed.path);
  return kind === 'project' ? { kind, path: parsed.path } : { kind, path: parsed.path, file };
}
