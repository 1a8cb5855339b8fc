// Writes docs/behaviors/, docs/issues/ and docs/crosswalk.md from the catalog definitions and data/crosswalk/, and the
// profile table of docs/ci.md (npm run docs).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { behaviors } from '../src/behaviors/index.ts';
import { crosswalkDoc } from '../src/catalog/crosswalk.ts';
import { readCrosswalk, readExternalCatalog } from '../src/catalog/crosswalk-files.ts';
import { catalogDocs } from '../src/catalog/docs.ts';
import { profileTable } from '../src/config/profiles.ts';
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
// docs/ci.md is written by hand around the generated table of each policy's level under each profile.
const ciDoc = join(docsDir, 'ci.md');
const ci = readFileSync(ciDoc, 'utf8');
const marked = /(<!-- profiles:start -->\n)[\s\S]*?(\n<!-- profiles:end -->)/;
if (!marked.test(ci)) throw new Error('docs/ci.md lost its <!-- profiles:start/end --> markers');
writeFileSync(
  ciDoc,
  ci.replace(marked, (_, start: string, end: string) => `${start}${profileTable(policies)}${end}`),
);
process.stdout.write(`wrote ${files.size} catalog pages under docs/ and the profile table of docs/ci.md\n`);
