// Which of our letters a bounce is about: the letter whose Message-ID the report returns (or its
// In-Reply-To names), else the one its VERP return address names. The ids are random and never
// guessable, so only someone who received the letter can claim it bounced.
import type { Knex } from 'knex';
import type { ParsedMessage } from '../mail/parsed-message';
import { verpTokenOf } from '../mail/verp';
import { messageIdOfToken } from '../outbox/return-path';
import { findLetterByMessageId, type OutboxRow } from '../store/outbox-repo';
import type { Bounce } from './automated-mail';

export type BouncedLetter = { letter: OutboxRow; via: string } | { letter: null; why: string };

export async function findBouncedLetter(db: Knex, returnAddress: string, parsed: ParsedMessage, bounce: Bounce): Promise<BouncedLetter> {
  const returned = bounce.originalMessageId;
  const byId = returned ? await findLetterByMessageId(db, returned) : null;
  if (byId) return { letter: byId, via: `the returned Message-ID <${returned}>` };
  const token = verpTokenOf(parsed, returnAddress);
  const byToken = token ? await findLetterByMessageId(db, messageIdOfToken(token, returnAddress)) : null;
  if (byToken) return { letter: byToken, via: 'its VERP return address' };
  const quoted = returned ? `the returned Message-ID <${returned}> is not one of our letters` : 'it returns no Message-ID';
  return { letter: null, why: `${quoted}${token ? ', and its VERP token matches no letter' : ' and it came to no VERP address'}` };
}
