// One chaos run on real processes: the daemon as a child process over the loopback mail stack, mail
// appended while it is SIGKILLed and restarted, Dovecot and Postfix restarted under it, SMTP refusing
// mail for a stretch; then, once it is idle, every message and letter is accounted for.
import { copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, migrateLatest } from '../../src/store/db';
import { ensureMailstack, flushQueue, refuseMail, resetMailboxes, restartServer, waitFor } from '../support/mailstack';
import { testInstance, removeInstances } from '../support/daemon-harness';
import { planChaos, type ChaosOptions } from './chaos-plan';
import { MailMix, CLIENTS, BOUNCING_CLIENTS, type ChaosMessage } from './mail-mix';
import { AckTracker, Appender, countMessages } from './mailboxes';
import { checkChaos, type Findings } from './chaos-check';
import { DaemonProcess } from './daemon-process';

export interface ChaosReport {
  options: ChaosOptions;
  appended: number;
  kills: number;
  daemonStarts: number;
  serverRestarts: string[];
  refusedMs: number;
  findings: Findings;
  /** Log events that show where the kills and outages landed (sends cut off, retries). */
  events: Record<string, number>;
  /** The daemon's last log lines, for a failing run. */
  logTail: string;
  /** A copy of the daemon's whole log (all its lives) when the run failed; '' when it passed. */
  logFile: string;
}

export interface RunSettings {
  /** Journal grace: how long an interrupted letter waits for its copy before it is sent again. */
  graceSeconds: number;
  idleTimeoutMs: number;
  say(line: string): void;
}

export async function runChaos(options: ChaosOptions, settings: RunSettings): Promise<ChaosReport> {
  const plan = planChaos(options);
  const mix = new MailMix(options.seed, plan.random);
  const say = settings.say;
  await ensureMailstack();
  await refuseMail(false);
  await resetMailboxes();
  const instance = testInstance({
    // Only the letters the run checks: acknowledgements and department notices, none to staff1.
    staff: { notify: [] },
    // Eighteen clients writing hundreds of complaints is a flood to the ceiling; the run is about exactly-once.
    mail: { autoLetterCeiling: { perRecipientPerHour: 0, perRecipientPerDay: 0, globalPerHour: 0 } },
    // Refusals and restarts must not use up a letter's attempts: a failed letter would be a lost one.
    smtp: { journal: { graceSeconds: settings.graceSeconds }, retry: { maxAttempts: 200, initialMs: 300, maxMs: 2000 } },
    log: { level: 'info', format: 'json' },
  });
  const db = openStore(instance.config.store);
  await migrateLatest(db);
  const daemon = new DaemonProcess(instance.configFile, path.join(instance.dir, 'daemon.log'));
  const appender = new Appender();
  const tracker = new AckTracker([...CLIENTS, ...BOUNCING_CLIENTS]);
  const sent: ChaosMessage[] = [];
  const report: ChaosReport = { options, appended: 0, kills: 0, daemonStarts: 0, serverRestarts: [], refusedMs: 0, findings: emptyFindings(), events: {}, logTail: '', logFile: '' };
  let refusedSince: number | null = null;
  let finished = false;
  const kill = async (delayMs: number): Promise<void> => {
    await sleep(delayMs);
    await daemon.kill();
    report.kills++;
    await daemon.start();
    report.daemonStarts++;
  };
  try {
    await daemon.start();
    report.daemonStarts++;
    for (let i = 0; i < options.messages; i++) {
      if (i === plan.restartDovecotAfter) await restart('dovecot');
      if (i === plan.restartPostfixAfter) await restart('postfix');
      if (i === plan.refuse?.from) {
        await refuseMail(true);
        refusedSince = Date.now();
      }
      if (refusedSince !== null && Date.now() - refusedSince >= (plan.refuse?.forMs ?? 0)) await stopRefusing();
      for (const [k, at] of plan.killsAfter.entries()) if (at === i) await kill(plan.killDelaysMs[k] ?? 0);
      if (i % 15 === 5) await tracker.refresh();
      const message = build(i);
      await appender.append(message.raw);
      sent.push(message);
      report.appended++;
      if (i % 50 === 49) say(`chaos: ${i + 1} appended, ${report.kills} kills so far`);
      await sleep(Math.floor(plan.random() * 30));
    }
    if (refusedSince !== null) {
      await sleep(Math.max(0, (plan.refuse?.forMs ?? 0) - (Date.now() - refusedSince)));
      await stopRefusing();
    }
    for (const [k, at] of plan.killsAfter.entries()) if (at === options.messages) await kill(plan.killDelaysMs[k] ?? 0);
    say(`chaos: all ${report.appended} appended; waiting for the daemon to be idle`);
    // Not idle in time is itself a finding; the checks then say what is left.
    const idle = await waitIdle(db, sent, settings.idleTimeoutMs).then(() => true, () => false);
    await daemon.stop();
    report.findings = await checkChaos(db, sent);
    if (!idle) report.findings.stuck.push(`the daemon was not idle after ${Math.round(settings.idleTimeoutMs / 1000)} s`);
    finished = true;
    return report;
  } finally {
    if (refusedSince !== null) await refuseMail(false).catch(() => undefined);
    report.logTail = daemon.tail();
    report.events = daemon.countEvents(EVENTS);
    // The instance folder goes with the run; the log of a failed run stays for whoever looks into it.
    if (!finished || !summarize(report).passed) {
      report.logFile = path.join(os.tmpdir(), `complaintd-chaos-${options.seed}.log`);
      copyFileSync(daemon.logFile, report.logFile);
    }
    await daemon.kill();
    await appender.close();
    await db.destroy();
    removeInstances();
  }

  function build(i: number): ChaosMessage {
    const slot = plan.slots[i];
    const acks = tracker.all();
    const ordinary = acks.filter((a) => CLIENTS.includes(a.client));
    if (slot === 'follow_up' && ordinary.length > 0) return mix.followUp(i, ordinary[Math.floor(plan.random() * ordinary.length)]!);
    if (slot === 'auto_reply') return mix.autoReply(i);
    if (slot === 'bounce') return mix.bounce(i, acks);
    if (slot === 'malformed') return mix.malformed(i);
    if (slot === 'redelivery') return mix.redelivery() ?? mix.complaint(i);
    return mix.complaint(i);
  }

  async function restart(server: 'dovecot' | 'postfix'): Promise<void> {
    await restartServer(server);
    report.serverRestarts.push(server);
    say(`chaos: restarted ${server}`);
  }

  async function stopRefusing(): Promise<void> {
    await refuseMail(false);
    report.refusedMs += Date.now() - (refusedSince ?? Date.now());
    refusedSince = null;
  }
}

/**
 * Idle: every appended message has been fetched and processed, the complaints INBOX is empty, nothing
 * waits in the outbox, and every letter sent has its journal copy back (so Postfix is done with it).
 */
async function waitIdle(db: ReturnType<typeof openStore>, sent: readonly ChaosMessage[], timeoutMs: number): Promise<void> {
  const keys = new Set(sent.map((m) => m.key));
  let lastFlush = Date.now();
  await waitFor(async () => {
    // A letter Postfix deferred when Dovecot restarted under it may wait out a long backoff (the
    // mail server's own behaviour, not the daemon's): ask it to retry now and then.
    if (Date.now() - lastFlush > 10_000) {
      lastFlush = Date.now();
      await flushQueue();
    }
    const busy = (await db('outbox').whereIn('status', ['queued', 'sending', 'retry_wait']).count({ n: '*' }).first()) as { n: number | string };
    if (Number(busy.n) > 0) return false;
    const rows = (await db('inbound').select('message_key', 'status', 'moved_to')) as Array<{ message_key: string; status: string; moved_to: string | null }>;
    if (rows.some((r) => r.status === 'pending' || r.moved_to === null)) return false;
    const seen = new Set(rows.map((r) => r.message_key));
    if ([...keys].some((k) => !seen.has(k))) return false;
    const letters = (await db('outbox').whereIn('status', ['sent', 'bounced']).select('message_id')) as Array<{ message_id: string }>;
    if (letters.some((l) => !seen.has(l.message_id))) return false;
    return (await countMessages('complaints', 'INBOX')) === 0;
  }, { what: 'the daemon idle (ledger processed, outbox empty, every journal copy back)', timeoutMs, intervalMs: 1000 });
}

const EVENTS = ['outbox.interrupted_found', 'outbox.interrupted_was_sent', 'outbox.interrupted_resent', 'outbox.retry_scheduled'];

function emptyFindings(): Findings {
  return { lost: [], duplicates: [], wrong: [], stuck: [], serverRedeliveries: [], figures: { cases: 0, letters: 0, acknowledgements: 0, quarantined: 0, followUps: 0, automated: 0, bounces: 0, duplicatesRecorded: 0, suppressed: 0 } };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The table the run prints, and whether it passed: no loss, no duplicate, nothing wrong or stuck. */
export function summarize(r: ChaosReport): { table: string; passed: boolean } {
  const f = r.findings;
  const rows: Array<[string, string | number]> = [
    ['seed', r.options.seed],
    ['messages', r.appended],
    ['cases', f.figures.cases],
    ['follow-ups', f.figures.followUps],
    ['automated', f.figures.automated],
    ['bounces', f.figures.bounces],
    ['redeliveries (duplicate)', f.figures.duplicatesRecorded],
    ['quarantined', f.figures.quarantined],
    ['letters', f.figures.letters],
    ['acknowledgements', f.figures.acknowledgements],
    ['suppressed letters', f.figures.suppressed],
    ['duplicates', f.duplicates.length],
    ['server redeliveries (sent once)', f.serverRedeliveries.length],
    ['lost', f.lost.length],
    ['wrong outcome', f.wrong.length],
    ['stuck', f.stuck.length],
    ['kills (SIGKILL)', r.kills],
    ['daemon starts', r.daemonStarts],
    ['server restarts', r.serverRestarts.join(', ') || 'none'],
    ['SMTP refusing (s)', (r.refusedMs / 1000).toFixed(1)],
    ['sends found cut off (each life)', r.events['outbox.interrupted_found'] ?? 0],
    ['  settled by journal copy', r.events['outbox.interrupted_was_sent'] ?? 0],
    ['  sent again (no copy)', r.events['outbox.interrupted_resent'] ?? 0],
    ['letter retries (4xx, outages)', r.events['outbox.retry_scheduled'] ?? 0],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `  ${k.padEnd(width)}  ${v}`);
  for (const [name, list] of [['duplicate', f.duplicates], ['lost', f.lost], ['wrong', f.wrong], ['stuck', f.stuck], ['server redelivery', f.serverRedeliveries]] as const) {
    for (const item of list.slice(0, 20)) lines.push(`  ${name}: ${item}`);
    if (list.length > 20) lines.push(`  ${name}: ... and ${list.length - 20} more`);
  }
  const passed = f.duplicates.length + f.lost.length + f.wrong.length + f.stuck.length === 0;
  return { table: lines.join('\n'), passed };
}
