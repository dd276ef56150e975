// Shared by the mail tests: fixture bytes from test/fixtures/mail and test/fixtures/bounces (never
// the corpus at run time), the limits a deployment would use, and a way to catch the one error
// parsing may throw.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { UnparseableMessageError } from '../../../src/mail/errors';
import { parseMessage, type ParseLimits } from '../../../src/mail/parse';
import type { ParsedMessage } from '../../../src/mail/parsed-message';

const FIXTURES = join(__dirname, '../../fixtures/mail');
export const BOUNCE_FIXTURES = join(__dirname, '../../fixtures/bounces');

export const LIMITS: ParseLimits = { maxMessageBytes: 25 * 1024 * 1024, maxAttachmentBytes: 10 * 1024 * 1024 };

export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

export function fixtureNames(dir = FIXTURES): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.eml')).sort();
}

/** Raw bytes and parsed message of a fixture in test/fixtures/bounces. */
export async function bounceFixture(name: string): Promise<{ raw: Buffer; parsed: ParsedMessage }> {
  const raw = readFileSync(join(BOUNCE_FIXTURES, name));
  return { raw, parsed: await parseMessage(raw, LIMITS) };
}

export function parseFixture(name: string, limits: ParseLimits = LIMITS): Promise<ParsedMessage> {
  return parseMessage(fixture(name), limits);
}

/** The UnparseableMessageError parsing threw; fails the test if it parsed or threw something else. */
export async function rejection(raw: Buffer, limits: ParseLimits = LIMITS): Promise<UnparseableMessageError> {
  try {
    await parseMessage(raw, limits);
  } catch (err) {
    if (err instanceof UnparseableMessageError) return err;
    throw err;
  }
  throw new Error('expected the message to be unparseable, but it parsed');
}
