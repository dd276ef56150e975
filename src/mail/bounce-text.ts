// Reading a bounce written for people (Exim, qmail, Exchange, Mail.ru...): where the report ends and
// the returned letter begins, which addresses the report says failed, and what the remote server
// replied for each. Layout-specific address patterns come from bounce-formats.ts; what is here
// works across layouts, because most MTAs put each failed address at the start of its own line.

export interface TextRecipient {
  address: string;
  /** The remote reply or the MTA's explanation for this address, on one line; null when none. */
  diagnostic: string | null;
}

// Addresses as they appear in reports: bare, in angle brackets, or with a "mailto:" link after them.
// Lengths are bounded as RFC 5321 bounds them, which also keeps a search over a long run of
// address characters linear instead of quadratic.
const ADDRESS = String.raw`[A-Za-z0-9!#$%&'*+/=?^_\x60{|}~.-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?){1,8}`;
// A failed address leading its line, after an optional bullet and a short label ("Unknown user:",
// "RCPT TO:", "Could not be delivered to:"), optionally in angle brackets or quotes.
const LEADING_ADDRESS = new RegExp(String.raw`^[ \t]*(?:[-*•>]+[ \t]*)?(?:([^:<>@\n]{1,60}?)[ \t]*:[ \t]*)?[<"'(]?(${ADDRESS})`);
// Labels that introduce the sender, the headers of the returned letter or the report's own
// machinery, never a failed recipient ("... after MAIL FROM:<x>" names the sender too).
const NOT_RECIPIENT_LABEL = /^(to|cc|bcc|reply-to|subject|date|received|delivered-to|x-[\w-]+|in-reply-to|references|[\w-]*-mta|your mail sent on)$|(^|[\s-])(from|sender|return-path|message-id|sender address)$/i;
const ANY_ADDRESS = new RegExp(ADDRESS, 'g');
// When no line starts with a failed address: "RCPT TO:<x>" in a transcript, or a sentence that
// names it ("undeliverable to x", "rejected recipient <x>").
const IN_SENTENCE: RegExp[] = [
  new RegExp(String.raw`RCPT TO:[ \t]*<(${ADDRESS})>`, 'gi'),
  new RegExp(String.raw`(?:undeliverable to|not (?:be )?delivered to|(?:could not|couldn't|cannot|unable to) (?:be )?deliver(?:ed)?(?: (?:your |the )?(?:message|mail|e-?mail))? to|rejected recipient|recipients? returned permanent errors:|error delivering your mail to)[ \t:]*[<"']?(${ADDRESS})`, 'gi'),
];
// A failure reply inside a line: "550 5.1.1 ...", "550-5.7.1 ...", "451 ..." (not part of an IP address;
// 2xx replies are the transcript of what went well).
const SMTP_REPLY = /(?<![\d.])[45]\d\d(?:[ -][45]\.\d{1,3}\.\d{1,3})?(?=[ -]|$)/;
const ENHANCED_STATUS = /(?<![\d.])[45]\.\d{1,3}\.\d{1,3}(?![\d.])/;

// The first line of the returned letter in the layouts we know, or of a pasted header block.
const RETURNED_MARKERS: RegExp[] = [
  /^[ \t]*-+[ \t]*This is a copy of the message/im,
  /^[ \t]*-+[ \t]*Below this line is a copy of the message/im,
  /^[ \t]*-*[ \t]*(The )?(header of the )?original (message|mail)( headers?)?( is following| follows| as follows)?[ \t.:-]*$/im,
  /^[ \t]*-+[ \t]*(Unsent|Returned|Undelivered|Undeliverable) message( follows| below)?[ \t-]*$/im,
  /^[ \t]*-+[ \t]*Original message[ \t]*-*$/im,
  /^[ \t]*-+[ \t]*The header of the original message is following/im,
  /^[ \t]*Original message headers:/im,
  /^[ \t]*Message headers follow/im,
  /^[ \t|]*-+[ \t]*Message text follows/im,
  // An mbox "From " line: the returned letter pasted as it was stored.
  /^From \S+@\S+[ \t]+\w{3} \w{3} [ \d]\d /m,
  /^[ \t]*Below is a copy of the original message/im,
  /^[ \t]*-+[ \t]*(Исходное|Оригинальное) сообщение/im,
];
const HEADER_LINE = /^(Return-Path|Received|Message-Id|From|To|Subject|Date|DKIM-Signature|MIME-Version|Content-Type|X-[\w-]+|Delivered-To|Reply-To|Authentication-Results|ARC-[\w-]+)[ \t]*:/i;
const STORED_HEADER = /^(Return-Path|Received|Message-Id|DKIM-Signature|MIME-Version|Content-Type|Content-Transfer-Encoding|X-[\w-]+|Delivered-To|Authentication-Results|ARC-[\w-]+)[ \t]*:/i;
const SEPARATOR = /^[ \t]*([-=*_]{3,}|\|-{3,})/;
// A label before the address that is itself the reason ("Unknown user: x").
const REASON_LABEL = /unknown|invalid|no such|not (found|exist|listed|valid)|error|fail|reject|denied|full|disabled/i;
const MAX_DIAGNOSTIC_LINES = 10;
const MAX_DIAGNOSTIC_LENGTH = 1000;
const MAX_RECIPIENTS = 100;

/** The report before the returned letter, and the returned letter (null when none was found). */
export function splitAtReturnedLetter(text: string): { report: string; returned: string | null } {
  let cut = -1;
  for (const marker of RETURNED_MARKERS) {
    const match = marker.exec(text);
    if (match && (cut === -1 || match.index < cut)) cut = match.index;
  }
  const block = headerBlockStart(text);
  if (block !== -1 && (cut === -1 || block < cut)) cut = block;
  return cut === -1 ? { report: text, returned: null } : { report: text.slice(0, cut), returned: text.slice(cut) };
}

/**
 * The failed addresses of a report, each once, in order. `patterns` are a layout's own address
 * patterns (capture group 1 is the address), tried first; then addresses that lead a line, then
 * "RCPT TO:<x>". `excluded` holds addresses that cannot be the failed ones (the report's sender,
 * the person it returns the letter to).
 */
export function textRecipients(report: string, excluded: ReadonlySet<string>, patterns: readonly RegExp[] = []): TextRecipient[] {
  const lines = report.split(/\r?\n/);
  // Read once per report: a hostile one may have thousands of lines and matches.
  const replies = lines.map((line) => line.replace(/^[ \t]*(<<<|>>>)?[ \t]*/, '')).filter((line) => SMTP_REPLY.test(line));
  const lineStarts = [0];
  for (let i = report.indexOf('\n'); i !== -1; i = report.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const found = new Map<string, TextRecipient>();
  const add = (reported: string, lineIndex: number, rest: string, label = '') => {
    // The address we sent to, when the failed one is what an alias turned it into: Postfix writes
    // "<r@host> (expanded from <anna@example.test>): ...", Exim "(generated from anna@...)" below.
    const alias = /^[>"')\s]*\(expanded from <([^<>\s]+@[^<>\s]+)>\)/.exec(rest);
    const generated = /^[ \t]+\((?:ultimately )?generated from <?([^<>()\s]+@[^<>()\s]+?)>?\)/.exec(lines[lineIndex + 1] ?? '');
    const address = alias?.[1] ?? generated?.[1] ?? reported;
    const key = address.toLowerCase();
    if (excluded.has(key) || found.has(key) || /^mailer-daemon@/.test(key)) return;
    const diagnostic = diagnosticAt(lines, replies, lineIndex, alias ? rest.slice(alias[0].length) : rest, key, label);
    found.set(key, { address: key, diagnostic });
  };
  const addMatches = (pattern: RegExp) => {
    for (const match of report.matchAll(pattern)) {
      if (found.size >= MAX_RECIPIENTS) return;
      const offset = match.index ?? 0;
      const lineEnd = report.indexOf('\n', offset + match[0].length);
      add(match[1] ?? '', lineAt(lineStarts, offset), report.slice(offset + match[0].length, lineEnd === -1 ? undefined : lineEnd));
    }
  };
  for (const pattern of patterns) addMatches(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g'));
  if (found.size === 0) {
    for (let i = 0; i < lines.length && found.size < MAX_RECIPIENTS; i++) {
      const match = LEADING_ADDRESS.exec(lines[i] ?? '');
      const label = match?.[1]?.trim();
      if (!match || (label !== undefined && NOT_RECIPIENT_LABEL.test(label))) continue;
      add(match[2] ?? '', i, (lines[i] ?? '').slice(match[0].length), label);
    }
  }
  for (const pattern of IN_SENTENCE) {
    if (found.size > 0) break;
    addMatches(pattern);
  }
  return [...found.values()];
}

/** Every address in a text, lower-cased, in order of appearance. */
export function addressesIn(text: string): string[] {
  return [...text.matchAll(ANY_ADDRESS)].map((m) => m[0].toLowerCase());
}

/**
 * What the report says about the address on line `index`. Its block is the rest of that line and,
 * when the rest is empty, the lines under it up to the next failed address or an empty line after
 * some text (a line ending in ":" leads into the next paragraph); when the rest has text, only the
 * deeper-indented lines that continue it. Preferred, in order: an SMTP reply in the block, a line
 * with a reply that names this address, a reply line that names no address, the block, a label
 * that says why ("Unknown user: x"), the line just above the address.
 */
function diagnosticAt(lines: readonly string[], replies: readonly string[], index: number, rest: string, address: string, label: string): string | null {
  const first = withoutEchoes(rest, address).replace(/^[>"')\]:.,;\s]+/, '');
  const block: string[] = [first];
  const indent = /^[ \t]*/.exec(lines[index] ?? '')?.[0].length ?? 0;
  let leadsIn = false;
  for (let i = index + 1; i < lines.length && block.length < MAX_DIAGNOSTIC_LINES; i++) {
    const line = lines[i] ?? '';
    const hasText = block.join('').trim() !== '';
    if (first !== '' && (/^[ \t]*/.exec(line)?.[0].length ?? 0) <= indent) break;
    if (line.trim() === '' || SEPARATOR.test(line)) {
      if (hasText && (!leadsIn || SEPARATOR.test(line))) break;
      continue;
    }
    const lead = LEADING_ADDRESS.exec(line);
    if (lead && lead[1] === undefined && lead[2]?.toLowerCase() !== address) break;
    // Under "RCPT TO: x" in a list of fields, the next "Size: 39" is a sibling, not the reason.
    const sibling = /^[ \t]*([\w .-]{1,40}):[ \t]*\S/.exec(line)?.[1];
    if (label !== '' && sibling !== undefined && !/reason|diagnos|error|problem|status|response|причина|ошибка/i.test(sibling)) break;
    block.push(line.trim());
    leadsIn = /:\s*$/.test(line);
  }
  const text = /:$/.test(oneLine(block.join(' '))) && block.length <= 2 ? '' : oneLine(block.join(' '));
  if (SMTP_REPLY.test(text) || ENHANCED_STATUS.test(text)) return fromReply(text);
  const naming = replies.find((line) => line.toLowerCase().includes(address));
  if (naming) return fromReply(oneLine(naming));
  const unnamed = replies.find((line) => addressesIn(line).length === 0);
  if (unnamed) return fromReply(oneLine(unnamed));
  if (text !== '') return text;
  if (REASON_LABEL.test(label)) return label;
  const above = lines[index - 1]?.trim() ?? '';
  return above !== '' && !SEPARATOR.test(above) && !/:$/.test(above) ? oneLine(above) : null;
}

/** The rest of an address line without the address repeated after it ("x <x>", "x<mailto:x>", "x (x)"). */
function withoutEchoes(rest: string, address: string): string {
  const echo = /^[ \t]*(?:<mailto:[^>]*>|[<(]([^<>()\s]+@[^<>()\s]+)[>)])/i.exec(rest);
  return echo && (echo[1] === undefined || echo[1].toLowerCase() === address) ? withoutEchoes(rest.slice(echo[0].length), address) : rest;
}

/** From the SMTP reply on: "host mx [192.0.2.1]: 550 5.1.1 <x>: unknown" -> "550 5.1.1 <x>: unknown". */
function fromReply(text: string): string {
  const reply = SMTP_REPLY.exec(text);
  return (reply && reply.index > 0 ? text.slice(reply.index) : text).slice(0, MAX_DIAGNOSTIC_LENGTH);
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The index of the line holding `offset`, by binary search over the line start offsets. */
function lineAt(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/**
 * Where a pasted copy of the returned letter starts: three header lines in a row, one of which only
 * a stored letter has (Received, Message-ID...). A summary such as "To: / Subject: / Date:" above
 * the error is part of the report, not a copy.
 */
function headerBlockStart(text: string): number {
  const lines = text.split('\n');
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    if (HEADER_LINE.test(lines[i] ?? '') && isHeaderRun(lines, i)) return offset;
    offset += (lines[i] ?? '').length + 1;
  }
  return -1;
}

function isHeaderRun(lines: readonly string[], start: number): boolean {
  let fields = 0;
  let stored = false;
  for (let i = start; i < lines.length && fields < 6; i++) {
    const line = lines[i] ?? '';
    if (STORED_HEADER.test(line)) stored = true;
    if (HEADER_LINE.test(line) || /^[\w-]+:/.test(line)) fields++;
    else if (!/^[ \t]+\S/.test(line)) break;
  }
  return fields >= 3 && stored;
}
