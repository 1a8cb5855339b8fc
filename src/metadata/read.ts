import type { PackageFile } from '../artifacts/types.ts';
import { readNpmMetadata } from './npm/package-json.ts';
import { readPythonMetadata } from './python/read.ts';
import type { Ecosystem, PackageMetadata } from './types.ts';

/** One entry per ecosystem: each reader turns the package's own metadata files into the normalized view. */
export async function readPackageMetadata(
  ecosystem: Ecosystem,
  files: readonly PackageFile[],
): Promise<PackageMetadata> {
  switch (ecosystem) {
    case 'pypi':
      return readPythonMetadata(files);
    case 'npm':
      return readNpmMetadata(files);
  }
}
