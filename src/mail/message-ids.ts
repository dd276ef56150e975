// Message-IDs are how replies find their case, so they are read from the raw header value the same
// way for Message-ID, In-Reply-To and References: the ids in angle brackets, brackets dropped.

// RFC 5322 caps a line at 998 octets; anything longer is not an id anyone will refer to. Octets,
// not characters: ids are indexed, and PostgreSQL refuses index entries over ~2.7 kB.
const MAX_ID_OCTETS = 998;

/**
 * The ids in a header value, in order. Text around bracketed ids ("your message of 1 May
 * <abc@host>") is ignored; clients that forget the brackets still get their "abc@host" read.
 */
export function extractMessageIds(value: string): string[] {
  const bracketed = [...value.matchAll(/<([^<>]*)>/g)].map((m) => (m[1] ?? '').replace(/\s+/g, ''));
  const ids = bracketed.length > 0 ? bracketed : value.split(/[\s,]+/).filter((word) => word.includes('@'));
  return ids.filter((id) => id.length > 0 && Buffer.byteLength(id) <= MAX_ID_OCTETS);
}
