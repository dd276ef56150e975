// Strings from a message are written to the database, logs and our own replies: remove what those
// refuse or what lets a sender forge lines (PostgreSQL rejects NUL in text; a CR in a subject we
// echo back would start a new header line).

// C0 and C1 controls and DEL. Tab, CR and LF are handled separately where lines matter.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

// Bidirectional embeddings, overrides and isolates: in a subject or a name shown in a list or echoed
// in our letter, "\u202Efdp.exe" reads as "exe.pdf" and a sender can make a line say what it does
// not. Implicit direction (Arabic, Hebrew letters) needs none of them, so one-line fields drop them.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** A body: line breaks and tabs stay, NUL and other controls go. */
export function toBodyText(text: string): string {
  return text.replace(CONTROLS, '');
}

/** A one-line field (subject, display name): controls and line breaks become single spaces. */
export function toSingleLine(text: string, maxLength: number): string {
  const line = text.replace(CONTROLS, ' ').replace(BIDI_CONTROLS, '').replace(/\s+/g, ' ').trim();
  return line.length > maxLength ? cutAt(line, maxLength).trimEnd() : line;
}

/** The first `length` UTF-16 units, without leaving half of a surrogate pair at the end. */
export function cutAt(text: string, length: number): string {
  const cut = text.slice(0, length);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
