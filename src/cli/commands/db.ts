import type { Command } from 'commander';
import type { CliIo } from '../io.ts';
import { runDbImport, runDbStatus, runDbUpdate } from './db-actions.ts';

export function registerDb(program: Command, io: CliIo, setExit: (code: number) => void): void {
  const db = program.command('db').description('the local vulnerability database (OSV records)');
  db.command('import')
    .description(
      'load OSV records from a zip or a directory of .json / .yaml files (incremental by `modified`)',
    )
    .argument('<source>', 'OSV zip, directory or single record')
    .option('--db <path>', 'database file (also ASSAY_DB; default ~/.cache/assay/assay.db)')
    .option('--json', 'print the result as JSON')
    .action(async (source: string, options: { db?: string; json?: boolean }) => {
      setExit(await runDbImport({ source, db: options.db, json: options.json }, io));
    });
  db.command('update')
    .description('download the OSV archives for PyPI and npm and import them (resumable)')
    .option('--db <path>', 'database file (also ASSAY_DB)')
    .option('--url <template>', 'archive URL with {ecosystem} (also ASSAY_OSV_URL)')
    .option('--ecosystem <name...>', 'ecosystems to download (default: PyPI npm)')
    .option('--json', 'print the result as JSON')
    .action(async (options: { db?: string; url?: string; ecosystem?: string[]; json?: boolean }) => {
      setExit(
        await runDbUpdate(
          { db: options.db, url: options.url, ecosystems: options.ecosystem, json: options.json },
          io,
        ),
      );
    });
  db.command('status')
    .description('what the database holds and how old it is')
    .option('--db <path>', 'database file (also ASSAY_DB)')
    .option('--json', 'print the status as JSON')
    .action(async (options: { db?: string; json?: boolean }) => {
      setExit(await runDbStatus({ db: options.db, json: options.json }, io));
    });
}
