/**
 * The name a project gives itself in its manifest (package.json `name`, pyproject `[project] name` or
 * `[tool.poetry] name`), so a report names `poetry-demo`, not the folder it was checked out into.
 */
import { join } from 'node:path';
import { parseTomlFile } from './pyproject.ts';
import { isRecord, parseJsonFile, readManifestText, rec, str } from './util.ts';

/** npm's own limit on a package name; a longer value is not a name. */
const MAX_NAME_LENGTH = 214;

/** The declared name of the project in `dir`, or undefined when no manifest there names it (or it does not parse). */
export async function declaredProjectName(
  dir: string,
  ecosystem: 'npm' | 'pypi',
): Promise<string | undefined> {
  const file = join(dir, ecosystem === 'npm' ? 'package.json' : 'pyproject.toml');
  let text: string;
  try {
    text = await readManifestText(file);
  } catch {
    return undefined;
  }
  try {
    if (ecosystem === 'npm') {
      const doc = parseJsonFile(file, text);
      return isRecord(doc) ? usable(str(doc['name'])) : undefined;
    }
    const doc = parseTomlFile(file, text);
    return usable(str(rec(doc['project'])['name']) ?? str(rec(rec(doc['tool'])['poetry'])['name']));
  } catch {
    // A manifest that does not parse is reported where it is read; here the folder name stands in.
    return undefined;
  }
}

function usable(name: string | undefined): string | undefined {
  const trimmed = name?.trim();
  return trimmed === undefined || trimmed === '' || trimmed.length > MAX_NAME_LENGTH ? undefined : trimmed;
}
