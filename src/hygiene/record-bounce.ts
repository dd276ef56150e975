// A bounce of one of our letters, carried out in the pipeline's transaction: the letter is marked
// bounced with the remote server's reason and reply, the bounce is kept on the letter's case as an
// automated message (it never reopens the case or changes its status), the failed addresses go on
// the suppression list as the policy says, and whoever works on the case is told once.
import type { Knex } from 'knex';
import type { ParsedMessage } from '../mail/parsed-message';
import { suppressionFor } from '../mail/suppression';
import { findCaseById, type CaseRow } from '../store/case-repo';
import { insertAttachments, insertMessage } from '../store/message-repo';
import { addHistory } from '../store/history-repo';
import { markBounced, softBouncesTo, type OutboxRow } from '../store/outbox-repo';
import { suppress } from '../store/suppression-repo';
import { raiseAlert } from '../alerts/raise-alert';
import type { Desk } from '../cases/desk';
import type { Bounce } from './automated-mail';
import { bounceOfLetter, shouldAlertBounce, type LetterBounce } from './letter-bounce';

export interface BounceInput {
  inboundId: number;
  dedupeKey: string;
  parsed: ParsedMessage;
  reply: { text: string; quote: string; signature: string };
  bounce: Bounce;
  letter: OutboxRow;
  /** How the letter was found, for the history. */
  via: string;
  now: Date;
}

const DAY_MS = 86_400_000;

/** Returns the reason for the inbound ledger and the case the bounce was recorded on. */
export async function recordBounce(trx: Knex, desk: Desk, input: BounceInput): Promise<{ reason: string; kase: CaseRow | null }> {
  const { letter, now } = input;
  const at = now.toISOString();
  const kase = letter.caseId !== null ? await findCaseById(trx, letter.caseId) : null;
  if (kase) await keepOnCase(trx, kase, input);
  const what = `our ${letter.kind.replace(/_/g, ' ')} #${letter.id} to ${letter.envelopeTo.join(', ')}`;
  const found = bounceOfLetter(input.bounce, letter.envelopeTo);
  if (found.failed.length === 0) {
    const reason = `a bounce of ${what} (found by ${input.via}) that names none of its recipients as failed: recorded only`;
    if (kase) await addHistory(trx, kase.id, at, { event: 'bounce_recorded', actor: 'daemon', reason });
    return { reason, kase };
  }
  const marked = await markBounced(trx, letter.id, found.record, at);
  const reason = marked
    ? `${what} bounced (found by ${input.via}): ${found.record.summary.replace(/^bounced: /, '')}`
    : `another bounce of ${what}, which is ${letter.status} (found by ${input.via}): recorded`;
  if (kase) {
    await addHistory(trx, kase.id, at, {
      event: `${letter.kind}_bounced`, actor: 'daemon', reason,
      details: { inboundId: input.inboundId, outboxId: letter.id, status: found.record.status, reason: found.record.reason, hard: found.record.hard, reply: found.record.reply, format: input.bounce.format, reportingMta: input.bounce.reportingMta },
    });
  }
  const suppressed = await suppressFailed(trx, desk, input, found, kase);
  if (marked && shouldAlertBounce(letter.kind)) await alertBounce(trx, desk, input, found, kase, suppressed);
  return { reason: suppressed.length > 0 ? `${reason}; suppressed: ${suppressed.join('; ')}` : reason, kase };
}

async function keepOnCase(trx: Knex, kase: CaseRow, input: BounceInput): Promise<void> {
  const { parsed } = input;
  const id = await insertMessage(trx, {
    caseId: kase.id, direction: 'in', kind: 'automated', dedupeKey: input.dedupeKey, messageId: parsed.messageId, inReplyTo: parsed.inReplyTo,
    references: parsed.references, fromAddress: parsed.from?.address ?? null, toAddresses: parsed.to.map((a) => a.address),
    ccAddresses: parsed.cc.map((a) => a.address), subject: parsed.subject, text: parsed.text, reply: input.reply, at: input.now.toISOString(), inboundId: input.inboundId, outboxId: null,
  });
  await insertAttachments(trx, id, parsed.attachments);
}

/** The suppression entries made, described ("x@y until 2026-12-27T10:00:00.000Z"). */
async function suppressFailed(trx: Knex, desk: Desk, input: BounceInput, found: LetterBounce, kase: CaseRow | null): Promise<string[]> {
  const { suppression: policy } = desk.hygiene;
  const { now, letter } = input;
  const within = policy.softBounceThreshold?.withinDays ?? 0;
  const earlier = within > 0 ? await softBouncesTo(trx, found.failed.map((r) => r.address), new Date(now.getTime() - within * DAY_MS), letter.id) : [];
  const entries = suppressionFor({ ...input.bounce, recipients: found.failed }, policy, now, earlier);
  await suppress(trx, entries, { outboxId: letter.id, caseId: kase?.id ?? null }, now);
  for (const e of entries) {
    if (kase) await addHistory(trx, kase.id, now.toISOString(), { event: 'address_suppressed', actor: 'daemon', reason: `nothing more is sent to ${e.address} until ${e.until.toISOString()} (or an admin clears it): ${e.reason}` });
  }
  return entries.map((e) => `${e.address} until ${e.until.toISOString()}`);
}

async function alertBounce(trx: Knex, desk: Desk, input: BounceInput, found: LetterBounce, kase: CaseRow | null, suppressed: string[]): Promise<void> {
  const { letter } = input;
  const toClient = kase !== null && found.failed.some((r) => r.address === kase.clientAddress);
  const addresses = found.failed.map((r) => r.address).join(', ');
  await raiseAlert(trx, desk, {
    kind: 'bounce',
    rule: `bounce: ${[found.record.status, found.record.reason].filter(Boolean).join(' ')}`,
    reason: `our ${letter.kind.replace(/_/g, ' ')} to ${addresses} did not arrive: ${found.record.reply ?? 'the report gives no reply from the remote server'}`
      + (suppressed.length > 0 ? `. Nothing more is sent there: suppressed (${suppressed.join('; ')})` : ''),
    whatToDo: toClient
      ? 'Reach the client another way (phone, the address in their contract) and ask for a working address; once it works again, clear it with: complaintd suppressions clear ADDRESS --by you.'
      : 'Check the address (a typo in the staff directory or a department queue, a mailbox closed); clear it with: complaintd suppressions clear ADDRESS --by you once it works again.',
    dedupe: `bounce:${letter.id}`,
    to: toClient ? 'assignee' : 'supervisor',
  }, kase, input.now);
}
