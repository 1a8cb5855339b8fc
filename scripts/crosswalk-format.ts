/**
 * Rewrites data/crosswalk/reversinglabs.json in its canonical form: ids sorted, one id and its entry per line, so
 * that branches adding entries merge line by line (npm run crosswalk:format). Refuses a malformed file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatOneLinePerKey } from '../src/catalog/crosswalk.ts';
import { CROSSWALK_DIR, CROSSWALK_FILE, readCrosswalk } from '../src/catalog/crosswalk-files.ts';
import { describeError } from '../src/core/errors.ts';

try {
  const crosswalk = readCrosswalk();
  // Keys in a fixed order inside each entry, whatever order an editor wrote them in.
  const canonical = Object.fromEntries(
    Object.entries(crosswalk).map(([id, entry]) => [
      id,
      { status: entry.status, assay: entry.assay, reason: entry.reason },
    ]),
  );
  writeFileSync(join(CROSSWALK_DIR, CROSSWALK_FILE), formatOneLinePerKey(canonical));
  process.stdout.write(`wrote ${Object.keys(canonical).length} ids to data/crosswalk/${CROSSWALK_FILE}\n`);
} catch (error) {
  process.stderr.write(`${describeError(error).message}\n`);
  process.exit(1);
}
