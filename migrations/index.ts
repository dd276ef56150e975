// The migrations in order. Listed in code rather than discovered on disk so the same list works
// from the TypeScript sources and from the compiled build.
import type { Knex } from 'knex';
import * as initial from './001-initial';
import * as threading from './002-threading';
import * as jobs from './003-jobs';
import * as outboxClaims from './004-outbox-claims';
import * as staff from './005-staff';
import * as alerts from './006-alerts';
import * as classifierRuns from './005-classifier-runs';
import * as suppressions from './007-suppressions';
import * as inboundMessageKey from './008-chaos-inbound-message-key';
import * as privacy from './008-privacy';
import * as leases from './009-leases';
import * as perfIndexes from './008-perf-indexes';
import * as ceilingIndexes from './010-ceiling-indexes';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

const migrations: Record<string, Migration> = {
  '001-initial': initial,
  '002-threading': threading,
  '003-jobs': jobs,
  '004-outbox-claims': outboxClaims,
  '005-staff': staff,
  '006-alerts': alerts,
  '005-classifier-runs': classifierRuns,
  '007-suppressions': suppressions,
  '008-chaos-inbound-message-key': inboundMessageKey,
  '008-privacy': privacy,
  '009-leases': leases,
  '008-perf-indexes': perfIndexes,
  '010-ceiling-indexes': ceilingIndexes,
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
