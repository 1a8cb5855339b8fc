// Writes docs/behaviors/, docs/issues/ and docs/crosswalk.md from the catalog definitions and data/crosswalk/ (npm run docs).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { behaviors } from '../src/behaviors/index.ts';
import { crosswalkDoc } from '../src/catalog/crosswalk.ts';
import { readCrosswalk, readExternalCatalog } from '../src/catalog/crosswalk-files.ts';
import { catalogDocs } from '../src/catalog/docs.ts';
import { policies } from '../src/policies/index.ts';

const docsDir = join(import.meta.dirname, '..', 'docs');
const files = catalogDocs(behaviors, policies);
files.set('crosswalk.md', crosswalkDoc(readCrosswalk(), readExternalCatalog(), behaviors, policies));
for (const folder of ['behaviors', 'issues']) {
  mkdirSync(join(docsDir, folder), { recursive: true });
  for (const name of readdirSync(join(docsDir, folder))) {
    if (!files.has(`${folder}/${name}`)) rmSync(join(docsDir, folder, name));
  }
}
for (const [path, content] of files) {
  mkdirSync(dirname(join(docsDir, path)), { recursive: true });
  writeFileSync(join(docsDir, path), content);
}
process.stdout.write(`wrote ${files.size} catalog pages under docs/\n`);
