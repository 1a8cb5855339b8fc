/**
 * The server under load, in its own process so that the load generator does not share its event loop.
 * argv: <database> <reports dir>. Tells the parent its URL, then answers 'memory' with process.memoryUsage().
 */
import { openCommunityStore } from '../../src/community/index/sqlite.ts';
import { defaultCatalog } from '../../src/scan/scan.ts';
import { createApp } from '../../src/server/app.ts';
import { SnapshotPrevalence } from '../../src/server/data/snapshot-source.ts';
import { SqliteSiteIndex } from '../../src/server/data/sqlite-index.ts';
import { ReportArchive } from '../../src/server/reports.ts';
import { listen } from '../../src/server/start.ts';

const [database, reportsDir] = process.argv.slice(2);
if (database === undefined || reportsDir === undefined || process.send === undefined) {
  throw new Error('usage: serve-child.ts <database> <reports dir> (forked with IPC)');
}
const app = createApp({
  index: new SqliteSiteIndex(openCommunityStore(database), new SnapshotPrevalence()),
  reports: new ReportArchive(reportsDir),
  behaviors: defaultCatalog.behaviors,
  policies: defaultCatalog.policies,
  runner: null,
});
const server = await listen(app, '127.0.0.1', 0);
process.on('message', (message) => {
  if (message === 'memory') {
    globalThis.gc?.();
    process.send?.({ memory: process.memoryUsage() });
  }
  if (message === 'stop') void server.close().then(() => process.exit(0));
});
process.send({ url: server.url });
