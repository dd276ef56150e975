import { expect } from 'chai';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Knex } from 'knex';
import { parse, stringify } from 'yaml';
import { ensureMailstack, resetMailboxes, sendMail, listMessages, waitFor } from '../support/mailstack';
import { testInstance, removeInstances, type TestInstance } from '../support/daemon-harness';
import { openStore, migrateLatest } from '../../src/store/db';
import { startDaemonProcess, type DaemonProcess } from '../support/daemon-process';

const root = path.resolve(__dirname, '../..');
const ADMIN = { address: 'admin@example.test', name: 'Admin', role: 'admin', department: null, locale: 'en' };

/** Each complaint from a client of its own, so the acknowledgement is the newest letter in that inbox. */
async function acknowledgementSubject(client: string, subject: string): Promise<string> {
  await sendMail(client, 'complaints@example.test', { subject, text: 'Верните деньги за заказ, пожалуйста.' });
  const [letter] = await waitFor(async () => {
    const msgs = await listMessages(client, 'INBOX');
    return msgs.length > 0 ? msgs : null;
  }, { timeoutMs: 30_000, what: `the acknowledgement in ${client}'s INBOX` });
  await resetMailboxes(client);
  return letter!.subject ?? '';
}

describe('hot reload of the running daemon', function () {
  this.timeout(120_000);
  let daemon: DaemonProcess | null = null;
  let db: Knex | null = null;

  before(async () => ensureMailstack());
  beforeEach(async () => resetMailboxes());
  afterEach(async function () {
    if (daemon && this.currentTest?.state === 'failed') process.stderr.write(`${readFileSync(daemon.logFile, 'utf8').split('\n').slice(-30).join('\n')}\n`);
    await daemon?.stop();
    daemon = null;
    await db?.destroy();
    db = null;
    removeInstances();
  });

  /** An instance with its own copy of the templates, as an admin's deployment would have. */
  async function deployment(overrides: Record<string, unknown>): Promise<{ instance: TestInstance; templates: string }> {
    const instance = testInstance({ templates: { dir: 'templates' }, staff: { notify: [], members: [ADMIN] }, ...overrides });
    const templates = path.join(instance.dir, 'templates');
    cpSync(path.join(root, 'templates'), templates, { recursive: true });
    db = openStore(instance.config.store);
    await migrateLatest(db);
    return { instance, templates };
  }

  it('a changed template is used for the next letter; a broken one is refused, the old one stays and the admin is told once', async () => {
    const { instance, templates } = await deployment({ ops: { reloadDebounceMs: 100 } });
    const subjectFile = (locale: string): string => path.join(templates, locale, 'acknowledgement.subject.hbs');
    daemon = startDaemonProcess(instance);
    await waitFor(async () => daemon!.events('config.watching').length > 0, { timeoutMs: 30_000, what: 'the daemon watching its files' });
    expect(await acknowledgementSubject('client1', 'Первая')).to.match(/^\[[A-Z]+-\d{4}-\d+\] Первая$/);

    for (const locale of ['ru', 'en']) writeFileSync(subjectFile(locale), '[{{case.number}}] Принято: {{case.subject}}\n');
    const reloaded = await waitFor(async () => daemon!.events('config.reloaded')[0], { timeoutMs: 20_000, what: 'the reload after the edit' });
    expect(reloaded.version).to.match(/^[0-9a-f]{12}$/);
    expect(await acknowledgementSubject('client2', 'Вторая')).to.match(/^\[[A-Z]+-\d{4}-\d+\] Принято: Вторая$/);

    writeFileSync(subjectFile('ru'), '[{{case.number}}] {{#if case.subject}}Сломано\n');
    const refused = await waitFor(async () => daemon!.events('config.reload_refused')[0], { timeoutMs: 20_000, what: 'the broken set refused' });
    expect(String(refused.reason)).to.include(`${subjectFile('ru')}:2: Parse error`);
    expect(refused.live).to.equal(reloaded.version);
    // Saving the same broken file again is the same refused version: no second letter.
    writeFileSync(subjectFile('ru'), '[{{case.number}}] {{#if case.subject}}Сломано\n');
    await waitFor(async () => daemon!.events('config.reload_refused').length >= 2, { timeoutMs: 20_000, what: 'the second refusal' });

    expect(await acknowledgementSubject('client3', 'Третья')).to.match(/^\[[A-Z]+-\d{4}-\d+\] Принято: Третья$/);
    const told = await waitFor(async () => {
      const msgs = await listMessages('admin', 'INBOX');
      return msgs.length > 0 ? msgs : null;
    }, { timeoutMs: 30_000, what: "the admin's letter about the refused set" });
    expect(told).to.have.length(1);
    expect(told[0]!.subject).to.include('config reload refused');
    expect(await db!('outbox').where({ kind: 'alert' }).count({ n: '*' }).first()).to.satisfy((r: { n: number | string }) => Number(r.n) === 1);
  });

  it('SIGHUP reloads when watching is off, and a changed restart-only setting is named in the log', async () => {
    const { instance, templates } = await deployment({ ops: { watch: false } });
    daemon = startDaemonProcess(instance);
    await waitFor(async () => daemon!.events('daemon.started').length > 0, { timeoutMs: 30_000, what: 'the daemon started' });
    for (const locale of ['ru', 'en']) writeFileSync(path.join(templates, locale, 'acknowledgement.subject.hbs'), '[{{case.number}}] После SIGHUP: {{case.subject}}\n');
    const local = parse(readFileSync(instance.configFile, 'utf8')) as { imap: Record<string, unknown> };
    local.imap.pollIntervalMs = 1500;
    writeFileSync(instance.configFile, stringify(local));

    daemon.child.kill('SIGHUP');
    const reloaded = await waitFor(async () => daemon!.events('config.reloaded')[0], { timeoutMs: 20_000, what: 'the reload on SIGHUP' });
    expect(reloaded.trigger).to.equal('signal');
    expect(daemon.events('config.restart_needed')[0]?.keys).to.deep.equal(['imap.pollIntervalMs']);
    expect(await acknowledgementSubject('client1', 'Сигнал')).to.match(/^\[[A-Z]+-\d{4}-\d+\] После SIGHUP: Сигнал$/);
    expect(daemon.child.exitCode).to.equal(null);
  });
});
