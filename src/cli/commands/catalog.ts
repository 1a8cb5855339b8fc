import type { Command } from 'commander';
import { Option } from 'commander';
import { behaviors } from '../../behaviors/index.ts';
import { policies } from '../../policies/index.ts';
import { EXIT } from '../exit-codes.ts';
import type { CliIo } from '../io.ts';

export function registerCatalog(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('catalog')
    .description('list the behaviors and issues assay can report')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((options: { format: 'text' | 'json' }) => {
      if (options.format === 'json') {
        const strip = ({ detect: _d, evaluate: _e, ...rest }: { detect?: unknown; evaluate?: unknown }) =>
          rest;
        io.stdout(
          `${JSON.stringify({ behaviors: behaviors.map(strip), issues: policies.map(strip) }, null, 2)}\n`,
        );
      } else {
        io.stdout(`Behaviors (${behaviors.length})\n`);
        for (const b of behaviors)
          io.stdout(`  ${b.id.padEnd(40)} ${b.category.padEnd(14)} ${b.severity.padEnd(8)} ${b.title}\n`);
        io.stdout(`\nIssues (${policies.length})\n`);
        for (const p of policies)
          io.stdout(`  ${p.id.padEnd(40)} ${p.category.padEnd(14)} ${p.severity.padEnd(8)} ${p.title}\n`);
      }
      setExit(EXIT.ok);
    });
}
