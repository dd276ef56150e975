// The daemon's Prometheus metrics. Counts that live in the store (ledger outcomes, cases by status,
// the outbox, deadline breaches) are read from it at scrape time, so they agree with `cases list` and
// survive restarts; what only the process knows (last poll, outages, reloads, logged errors) is kept
// here. One registry per daemon, so tests that run several daemons in one process do not mix them.
import type { Knex } from 'knex';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { Link } from '../daemon/outage-monitor';

export interface MetricsSources {
  db: Knex;
  clock: () => Date;
  lastPollAt(): Date | null;
  /** Links down now, with since when. */
  outages(): Array<{ link: Link; since: Date }>;
  configVersion(): string | null;
}

export interface DaemonMetrics {
  registry: Registry;
  /** What the logger hook calls for every warning and error. */
  countLogEvent(level: 'warn' | 'error', event: string): void;
  countReload(result: 'reloaded' | 'refused' | 'unchanged'): void;
}

const LINKS: readonly Link[] = ['mailbox', 'relay'];
const WAITING = ['queued', 'retry_wait', 'sending'];

export function createMetrics(src: MetricsSources): DaemonMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'complaintd_' });
  const seconds = (iso: string | null | undefined): number => (iso ? Math.max(0, (src.clock().getTime() - Date.parse(iso)) / 1000) : 0);

  const byStatus = (name: string, help: string, table: string): Gauge => new Gauge({
    name, help, labelNames: ['status'], registers: [registry],
    async collect() {
      this.reset();
      const rows = (await src.db(table).select('status').count({ n: '*' }).groupBy('status')) as Array<{ status: string; n: number | string }>;
      for (const r of rows) this.set({ status: r.status }, Number(r.n));
    },
  });
  byStatus('complaintd_inbound_messages', 'Messages taken into the inbound ledger, by outcome (pending until processed).', 'inbound');
  byStatus('complaintd_cases', 'Cases by status.', 'cases');

  const scalar = (name: string, help: string, read: () => Promise<number> | number): Gauge => new Gauge({
    name, help, registers: [registry],
    async collect() {
      this.set(await read());
    },
  });
  scalar('complaintd_outbox_depth', 'Letters waiting to be sent (queued, retry_wait or sending).', async () => count(src.db('outbox').whereIn('status', WAITING)));
  scalar('complaintd_outbox_oldest_age_seconds', 'Age of the oldest letter waiting to be sent; 0 when none waits.', async () =>
    seconds(await oldest(src.db('outbox').whereIn('status', WAITING), 'created_at')));
  scalar('complaintd_intake_lag_seconds', 'How long the oldest fetched message has waited to be processed; 0 when none waits.', async () =>
    seconds(await oldest(src.db('inbound').where({ status: 'pending' }), 'fetched_at')));
  scalar('complaintd_last_poll_success_timestamp_seconds', 'When intake last finished looking at the mailbox (Unix time); 0 before the first.', () =>
    (src.lastPollAt()?.getTime() ?? 0) / 1000);
  scalar('complaintd_last_send_success_timestamp_seconds', 'When the last letter was accepted by the relay (Unix time); 0 before the first.', async () => {
    const row = (await src.db('outbox').where({ status: 'sent' }).max({ at: 'sent_at' }).first()) as { at: string | null } | undefined;
    return row?.at ? Date.parse(row.at) / 1000 : 0;
  });
  scalar('complaintd_deadline_breaches', 'Cases whose deadline passed without a decision, as told (alerts of kind deadline_breach).', async () =>
    count(src.db('alerts').where({ kind: 'deadline_breach' })));
  new Gauge({
    name: 'complaintd_link_down_seconds', help: 'How long the mailbox (IMAP) or the relay (SMTP) has been unreachable; 0 when reachable.', labelNames: ['link'], registers: [registry],
    collect() {
      const down = src.outages();
      for (const link of LINKS) this.set({ link }, seconds(down.find((o) => o.link === link)?.since.toISOString()));
    },
  });
  new Gauge({
    name: 'complaintd_config_info', help: 'The live version (content hash) of the admin-edited files; always 1.', labelNames: ['version'], registers: [registry],
    collect() {
      this.reset();
      const version = src.configVersion();
      if (version) this.set({ version }, 1);
    },
  });
  const reloads = new Counter({ name: 'complaintd_config_reloads_total', help: 'Config reloads by result.', labelNames: ['result'], registers: [registry] });
  const logged = new Counter({ name: 'complaintd_log_events_total', help: 'Warnings and errors logged, by level and stable event name.', labelNames: ['level', 'event'], registers: [registry] });
  return {
    registry,
    countLogEvent: (level, event) => logged.inc({ level, event }),
    countReload: (result) => reloads.inc({ result }),
  };
}

async function count(q: Knex.QueryBuilder): Promise<number> {
  const row = (await q.count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

async function oldest(q: Knex.QueryBuilder, column: string): Promise<string | null> {
  const row = (await q.min({ at: column }).first()) as { at: string | null } | undefined;
  return row?.at ?? null;
}
