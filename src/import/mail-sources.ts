// Historic mail for complaintd import, read from an mbox file, a Maildir or a folder of .eml files,
// as raw messages with the time each was received. Splitting an mbox and finding the received time
// are pure functions of the bytes; the readers only list and read files.
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

export interface SourceMessage {
  /** Where it came from, for messages about it: "mail.mbox#3", "Maildir/cur/…". */
  origin: string;
  raw: Buffer;
  /** When our server received it (see receivedAtOf); the file's time when the message says nothing. */
  receivedAt: Date;
}

/** The header block, unfolded, as lower-cased name and value pairs in order. */
export function headerFields(raw: Buffer): Array<{ name: string; value: string }> {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const block = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  return block.split(/\r?\n/).flatMap((line) => {
    const colon = line.indexOf(':');
    return colon > 0 ? [{ name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() }] : [];
  });
}

/**
 * When our server received the message: the date of the topmost Received header (the last hop,
 * ours), else the mbox envelope date, else the Date header (the sender's clock), else `fallback`.
 */
export function receivedAtOf(raw: Buffer, envelopeDate: Date | null, fallback: Date): Date {
  const fields = headerFields(raw);
  const received = fields.find((f) => f.name === 'received');
  const candidates = [received ? received.value.slice(received.value.lastIndexOf(';') + 1) : null, envelopeDate?.toUTCString() ?? null, fields.find((f) => f.name === 'date')?.value ?? null];
  for (const c of candidates) {
    const at = c === null ? NaN : Date.parse(c.trim());
    if (!Number.isNaN(at)) return new Date(at);
  }
  return fallback;
}

/** The ledger's key, as the intake makes it: the Message-ID without brackets, else a hash of the bytes. */
export function messageKeyOf(raw: Buffer): string {
  const id = headerFields(raw).find((f) => f.name === 'message-id')?.value.replace(/^<|>$/g, '').trim();
  return id ? id : `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

/**
 * Splits an mbox (mboxo or mboxrd): a message starts at a "From sender date" line at the start of
 * the file or after an empty line (an unquoted "From the shop…" in a body, which careless writers
 * leave, has no date and is not a separator); ">From " quoted inside bodies loses one ">". The
 * envelope date (asctime, UTC) is returned beside each message.
 */
export function splitMbox(bytes: Buffer): Array<{ raw: Buffer; envelopeDate: Date | null }> {
  const lines = bytes.toString('latin1').split('\n');
  const messages: Array<{ lines: string[]; envelopeDate: Date | null }> = [];
  let previousBlank = true;
  for (const line of lines) {
    const envelopeDate = previousBlank && line.startsWith('From ') ? envelopeDateOf(line) : null;
    if (envelopeDate !== null) {
      messages.push({ lines: [], envelopeDate });
    } else if (messages.length > 0) {
      messages[messages.length - 1]!.lines.push(line.replace(/^>(>*From )/, '$1'));
    }
    previousBlank = line.replace(/\r$/, '') === '';
  }
  return messages.map((m) => {
    // The empty line before the next "From " belongs to the mbox, not to the message.
    while (m.lines.length > 0 && m.lines[m.lines.length - 1]!.replace(/\r$/, '') === '') m.lines.pop();
    return { raw: Buffer.from(m.lines.join('\n') + '\n', 'latin1'), envelopeDate: m.envelopeDate };
  });
}

function envelopeDateOf(fromLine: string): Date | null {
  const rest = fromLine.replace(/\r$/, '').split(' ').slice(2).join(' ').trim();
  const at = Date.parse(`${rest} GMT`);
  return Number.isNaN(at) ? null : new Date(at);
}

export async function readMbox(file: string): Promise<SourceMessage[]> {
  const { mtime } = await stat(file);
  return splitMbox(await readFile(file)).map((m, i) => ({ origin: `${file}#${i + 1}`, raw: m.raw, receivedAt: receivedAtOf(m.raw, m.envelopeDate, mtime) }));
}

/** A Maildir's cur/ and new/ (never tmp/, where messages are still being written), in name order. */
export async function readMaildir(dir: string): Promise<SourceMessage[]> {
  const files: string[] = [];
  for (const sub of ['cur', 'new']) {
    const entries = await readdir(path.join(dir, sub), { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [];
      throw err;
    });
    files.push(...entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => path.join(dir, sub, e.name)));
  }
  if (files.length === 0 && (await readdir(dir)).every((n) => !['cur', 'new'].includes(n))) throw new Error(`${dir} is not a Maildir (no cur/ or new/)`);
  return readFiles(files.sort((a, b) => path.basename(a).localeCompare(path.basename(b))));
}

/** Every *.eml file in the folder, in name order. */
export async function readEmlDir(dir: string): Promise<SourceMessage[]> {
  const names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.eml')).map((e) => e.name).sort();
  return readFiles(names.map((n) => path.join(dir, n)));
}

async function readFiles(files: string[]): Promise<SourceMessage[]> {
  const out: SourceMessage[] = [];
  for (const file of files) {
    const [raw, info] = await Promise.all([readFile(file), stat(file)]);
    out.push({ origin: file, raw, receivedAt: receivedAtOf(raw, null, info.mtime) });
  }
  return out;
}
