// `npm run demo`: the daemon's main job on the demo's own configuration (demo/local.yaml). Starts the
// daemon against the local mail stack (started by scripts/demo), sends the sample complaints in
// demo/samples from client mailboxes, waits for the acknowledgements and prints the cases and letters.
import { mkdirSync, readdirSync, readFileSync, rmSync, createWriteStream } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { loadConfig } from '../src/config/load';
import { buildRuntime } from '../src/main';
import { createLogger } from '../src/log/logger';
import { listCases } from '../src/store/case-repo';
import { waitingLists } from '../src/cases/announce-batch';
import { MAILSTACK, sendMail, listMessages, waitFor } from '../test/support/mailstack';

const root = path.resolve(__dirname, '..');
const demoDir = path.join(root, 'var', 'demo');
const once = process.argv.includes('--once');

async function main(): Promise<void> {
  // A fresh store each run, so what is printed is this run's work.
  rmSync(demoDir, { recursive: true, force: true });
  mkdirSync(demoDir, { recursive: true });
  process.chdir(root);
  const demoConfig = path.join(root, 'demo', 'local.yaml');
  // The stack may run on other ports (MAILSTACK_*): the daemon follows it, like the test suite does.
  const { config } = loadConfig({
    localFile: demoConfig,
    env: { ...process.env, COMPLAINTD__IMAP__PORT: String(MAILSTACK.imapPort), COMPLAINTD__SMTP__PORT: String(MAILSTACK.smtpPort), COMPLAINTD__IMAP__PASSWORD: MAILSTACK.password },
  });
  const logFile = path.join(demoDir, 'daemon.log');
  const log = createLogger({ level: 'info', format: 'json', maskPersonalData: config.log.maskPersonalData, stream: createWriteStream(logFile) });
  const runtime = await buildRuntime(config, { log });
  await runtime.daemon.start();
  say(`daemon started: IMAP ${config.imap.user} at ${config.imap.host}:${config.imap.port}, SMTP ${config.smtp.host}:${config.smtp.port}, store ${config.store.filename}`);
  say(`daemon log: ${path.relative(root, logFile)}`);

  const samplesDir = path.join(root, 'demo', 'samples');
  const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.eml')).sort();
  const expected = new Map<string, number>();
  for (const file of samples) {
    const raw = readFileSync(path.join(samplesDir, file));
    const parsed = await simpleParser(raw);
    const from = parsed.from?.value[0]?.address ?? 'client1@example.test';
    await sendMail(from, config.imap.user, { raw });
    expected.set(from, (expected.get(from) ?? 0) + 1);
    say(`sent ${file} from ${from}: "${parsed.subject ?? ''}"`);
  }

  say('\nwaiting for the acknowledgements in the clients\' INBOXes...');
  const acks: Array<{ client: string; subject: string }> = [];
  for (const [client, n] of expected) {
    const user = client.split('@')[0] as string;
    const letters = await waitFor(async () => {
      const msgs = await listMessages(user, 'INBOX');
      return msgs.length >= n ? msgs : null;
    }, { timeoutMs: 60_000, what: `${n} acknowledgement(s) for ${client}` });
    for (const l of letters) acks.push({ client, subject: l.subject ?? '' });
  }

  const cases = await listCases(runtime.db, { limit: 100 });
  say(`\nregistered cases (${cases.length}):`);
  for (const c of cases) say(`  ${c.number}  ${(c.category ?? '-').padEnd(18)} ${c.needsReview ? 'review ' : '       '}${c.clientAddress.padEnd(22)} ${c.subject}`);
  say(`\nacknowledgements found (${acks.length}):`);
  for (const a of acks) say(`  to ${a.client.padEnd(22)} ${a.subject}`);
  const staff = await listMessages('staff1', 'INBOX');
  say(`\nstaff announcements in staff1's INBOX (${staff.length}):`);
  for (const s of staff) say(`  ${s.subject ?? ''}`);
  // Four complaints in a few seconds are a small flood: after the first, a reader's new cases wait for one letter listing them.
  for (const list of await waitingLists(runtime.db)) {
    say(`  + ${list.cases} more new case(s) for ${list.recipient} in one letter listing them, due ${list.dueAt} (staff.announcements.batchSeconds: ${config.staff.announcements.batchSeconds})`);
  }
  await decideByMail(cases[0]?.number ?? '');
  say(`\nlook closer: npx complaintd -c ${path.relative(root, demoConfig)} cases show ${cases[0]?.number ?? 'CMP-...'}`);

  if (once) {
    await runtime.close();
    return;
  }
  say(`\nthe daemon keeps running: send mail to ${config.imap.user} through ${config.smtp.host}:${config.smtp.port}. Ctrl-C stops it.`);
  await new Promise<void>((resolve) => {
    let signals = 0;
    const stop = (): void => {
      signals++;
      if (signals > 1) process.exit(130);
      say('\nstopping...');
      void runtime.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** What staff do all day: reply to the announcement with a command, and the client gets the decision. */
async function decideByMail(number: string): Promise<void> {
  const announcement = (await Promise.all((await listMessages('staff1', 'INBOX')).map((m) => simpleParser(m.source)))).find((m) => (m.subject ?? '').includes(number));
  if (!announcement) return;
  const text = 'Деньги вернём на вашу карту в течение 10 дней.';
  await sendMail('staff1', announcement.replyTo?.value[0]?.address ?? 'complaints@example.test', {
    subject: `Re: ${announcement.subject ?? ''}`, inReplyTo: announcement.messageId, references: announcement.messageId,
    text: `#решение удовлетворить\n${text}\n\n> ${(announcement.text ?? '').split('\n').join('\n> ')}`,
  });
  say(`\nstaff1 replied to the announcement of ${number}: "#решение удовлетворить" and "${text}"`);
  const decision = await waitFor(async () => {
    for (const m of await listMessages('client1', 'INBOX')) {
      const parsed = await simpleParser(m.source);
      if ((parsed.subject ?? '').includes('Решение') && (parsed.subject ?? '').includes(number)) return parsed;
    }
    return null;
  }, { timeoutMs: 60_000, what: `the decision on ${number} in client1's INBOX` });
  say(`the client got the decision letter "${decision.subject ?? ''}":`);
  for (const line of (decision.text ?? '').split('\n').slice(0, 12)) say(`  | ${line}`);
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`demo failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
