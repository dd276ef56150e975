// Signed reply tokens: every letter we send carries Reply-To complaints+<token>@domain, so a reply
// finds its case even when the mail client dropped every header. The HMAC makes a token impossible to
// make up; a staff token also covers the staff member's address, so only that member can use it, and
// a department token (on letters to a department's queue) its department, so only its members can.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type TokenKind = 'client' | 'staff' | 'department';

export interface TokenSettings {
  secret: string;
  /** Older tokens are refused: a letter from years ago should not act on a case today. */
  maxAgeDays: number;
}

export type TokenVerdict =
  | { status: 'none' }
  | { status: 'invalid'; kind: TokenKind | 'unknown'; caseId: number | null; reason: string }
  | { status: 'valid'; kind: TokenKind; caseId: number; issuedAt: Date; department: string | null };

const KIND_CHAR: Record<TokenKind, string> = { client: 'c', staff: 's', department: 'd' };
const KINDS: Record<string, TokenKind> = { c: 'client', s: 'staff', d: 'department' };
const EPOCH_MS = Date.UTC(2020, 0, 1);
const DAY_MS = 86_400_000;
const DAY_DIGITS = 3;
const MAC_CHARS = 10;
// Lower case only: some mail systems lower-case local parts on the way.
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';
const TOKEN = /^([csd])([0-9a-z]{1,12})-([0-9a-z]{3})([a-z2-7]{10})$/;

export type TokenFor = { kind: 'client'; caseId: number } | { kind: 'staff'; caseId: number; staffAddress: string } | { kind: 'department'; caseId: number; department: string };

export function issueToken(s: TokenSettings, t: TokenFor & { now: Date }): string {
  const day = dayNumber(t.now);
  const id = t.caseId.toString(36);
  const dayText = day.toString(36).padStart(DAY_DIGITS, '0');
  return `${KIND_CHAR[t.kind]}${id}-${dayText}${mac(s.secret, KIND_CHAR[t.kind], t.caseId, day, scopeOf(t))}`;
}

/**
 * `fromAddress` is the letter's sender: a staff token is valid only from the member it was issued to;
 * `departments` are the sender's departments: a department token is valid only from one of them.
 */
export function verifyToken(s: TokenSettings, token: string, ctx: { fromAddress: string; departments?: readonly string[]; now: Date }): TokenVerdict {
  const m = TOKEN.exec(token.toLowerCase());
  if (!m) return { status: 'invalid', kind: 'unknown', caseId: null, reason: 'not a reply token of ours' };
  const kind = KINDS[m[1] as string] as TokenKind;
  const caseId = parseInt(m[2] as string, 36);
  const day = parseInt(m[3] as string, 36);
  const given = m[4] as string;
  const scopes = kind === 'client' ? [''] : kind === 'staff' ? [ctx.fromAddress.toLowerCase()] : (ctx.departments ?? []).map((d) => `dept:${d}`);
  const scope = scopes.find((sc) => safeEqual(mac(s.secret, m[1] as string, caseId, day, sc), given));
  if (scope === undefined) {
    const reason = kind === 'client' ? 'signature does not match (forged or damaged)' : `signature does not match (forged, or not issued to this sender${kind === 'department' ? '\'s department' : ''})`;
    return { status: 'invalid', kind, caseId, reason };
  }
  const today = dayNumber(ctx.now);
  if (day > today + 1) return { status: 'invalid', kind, caseId, reason: 'issued in the future' };
  if (today - day > s.maxAgeDays) return { status: 'invalid', kind, caseId, reason: `expired (issued ${today - day} days ago, limit ${s.maxAgeDays})` };
  return { status: 'valid', kind, caseId, issuedAt: new Date(EPOCH_MS + day * DAY_MS), department: scope.startsWith('dept:') ? scope.slice(5) : null };
}

function scopeOf(t: TokenFor): string {
  if (t.kind === 'staff') return t.staffAddress.toLowerCase();
  return t.kind === 'department' ? `dept:${t.department}` : '';
}

function dayNumber(at: Date): number {
  return Math.max(0, Math.floor((at.getTime() - EPOCH_MS) / DAY_MS));
}

function mac(secret: string, kind: string, caseId: number, day: number, address: string): string {
  const digest = createHmac('sha256', secret).update(`v1|${kind}|${caseId}|${day}|${address}`).digest();
  return toBase32(digest).slice(0, MAC_CHARS);
}

function toBase32(bytes: Buffer): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
