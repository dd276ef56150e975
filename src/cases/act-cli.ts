// `complaintd cases act CMP-2026-000001 '#decision rejected' [more commands] --by who [--text-file F]`:
// the same commands staff send by mail, for admins at a terminal.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Knex } from 'knex';
import type { Desk } from './desk';
import { actOnCase } from './act-on-case';

export type WithDesk = <T>(fn: (db: Knex, desk: Desk) => Promise<T>) => Promise<T>;

export function registerActCommand(cases: Command, withDesk: WithDesk): void {
  cases
    .command('act <number> <commands...>')
    .description('apply staff commands to a case as a letter would (all or nothing); e.g. \'#decision rejected\' --text-file reasoning.txt')
    .requiredOption('--by <address>', 'the staff member acting (must be in staff.members)')
    .option('--text <text>', 'the text below the commands (reasoning, answer, note)')
    .option('--text-file <file>', 'read that text from a file')
    .action(async (number: string, commands: string[], opts: { by: string; text?: string; textFile?: string }) => {
      const text = opts.textFile ? await readFile(opts.textFile, 'utf8') : (opts.text ?? '');
      const result = await withDesk((db, desk) => actOnCase(db, desk, { number, by: opts.by.toLowerCase(), commands, text, now: new Date() }));
      if (result.ok) {
        for (const change of result.changes) process.stdout.write(`${change}\n`);
        return;
      }
      process.stderr.write(`nothing applied:\n${result.errors.map((e) => `  ${e}`).join('\n')}\n`);
      process.exitCode = 1;
    });
}
