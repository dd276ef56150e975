// The migrations in order. Listed in code rather than discovered on disk so the same list works
// from the TypeScript sources and from the compiled build.
import type { Knex } from 'knex';
import * as initial from './001-initial';
import * as classifierRuns from './005-classifier-runs';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

const migrations: Record<string, Migration> = {
  '001-initial': initial,
  '005-classifier-runs': classifierRuns,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const m = migrations[name];
    if (!m) throw new Error(`unknown migration ${name}`);
    return m;
  },
};
