// Where a message's header blocks and leaf parts are and which charsets its text parts declare.
// mailparser keeps these to itself; we need the blocks to repair raw 8-bit headers before it reads
// them, the charsets for ParsedMessage.charsets, and the leaf parts to read the machine-readable
// parts of bounces (message/delivery-status) that mailparser folds into the text. Only multipart
// structure is followed, nothing is decoded.

export interface ByteRange {
  start: number;
  end: number;
}

/** A part that is not multipart: its media type and where its header block and content are. */
export interface MimeLeaf {
  /** Lower-cased, without parameters, e.g. "message/delivery-status"; "text/plain" when undeclared. */
  mediaType: string;
  /** Lower-cased Content-Transfer-Encoding, "7bit" when undeclared. */
  transferEncoding: string;
  header: ByteRange;
  body: ByteRange;
}

export interface MimeOutline {
  /** Every header block, the message's own first; offsets into the raw bytes. */
  headerBlocks: ByteRange[];
  /** Charsets declared by inline text/plain and text/html parts, lower-cased, first seen first. */
  textCharsets: string[];
  /** Every leaf part in order (the whole message when it is not multipart). */
  leaves: MimeLeaf[];
}

// The same bound mailparser puts on parts (maxChildNodes); nesting deeper than any real client
// produces is not followed, so hostile nesting costs a bounded amount of work.
const MAX_PARTS = 1000;
const MAX_DEPTH = 50;

export function outlineMime(raw: Buffer): MimeOutline {
  const outline: MimeOutline = { headerBlocks: [], textCharsets: [], leaves: [] };
  // latin1 maps every byte to one character, so string offsets are byte offsets.
  walkPart(raw.toString('latin1'), { start: 0, end: raw.length }, 0, outline);
  return outline;
}

function walkPart(text: string, part: ByteRange, depth: number, outline: MimeOutline): void {
  if (outline.headerBlocks.length >= MAX_PARTS) return;
  const headerEnd = findHeaderEnd(text, part);
  outline.headerBlocks.push({ start: part.start, end: headerEnd });
  const fields = unfold(text.slice(part.start, headerEnd));
  const contentType = headerField(fields, 'content-type') ?? '';
  const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  const boundary = parameter(contentType, 'boundary');

  if (mediaType.startsWith('multipart/') && boundary && depth < MAX_DEPTH) {
    for (const child of splitParts(text, { start: headerEnd, end: part.end }, boundary)) {
      walkPart(text, child, depth + 1, outline);
    }
    return;
  }
  outline.leaves.push({
    mediaType: mediaType || 'text/plain',
    transferEncoding: (headerField(fields, 'content-transfer-encoding') ?? '7bit').toLowerCase(),
    header: { start: part.start, end: headerEnd },
    body: { start: headerEnd, end: part.end },
  });
  const isAttachment = /^\s*attachment/i.test(headerField(fields, 'content-disposition') ?? '');
  const charset = parameter(contentType, 'charset')?.toLowerCase();
  if ((mediaType === 'text/plain' || mediaType === 'text/html') && !isAttachment && charset) {
    if (!outline.textCharsets.includes(charset)) outline.textCharsets.push(charset);
  }
}

/** Offset of the empty line that ends the header block (or of the part's end when there is none). */
function findHeaderEnd(text: string, part: ByteRange): number {
  const content = text.slice(part.start, part.end);
  if (/^\r?\n/.test(content)) return part.start;
  const blank = /\n\r?\n/.exec(content);
  return blank ? part.start + blank.index + 1 : part.end;
}

function unfold(block: string): string[] {
  return block.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/);
}

function headerField(fields: string[], name: string): string | undefined {
  const prefix = new RegExp(`^${name}[ \\t]*:`, 'i');
  const field = fields.find((line) => prefix.test(line));
  return field?.slice(field.indexOf(':') + 1).trim();
}

function parameter(value: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value);
  return match ? (match[1] ?? match[2]) : undefined;
}

/** The parts between "--boundary" delimiter lines, up to the closing "--boundary--" or the end. */
function splitParts(text: string, body: ByteRange, boundary: string): ByteRange[] {
  const parts: ByteRange[] = [];
  const dashed = `--${boundary}`;
  let partStart: number | null = null;
  for (let lineStart = body.start; lineStart < body.end; ) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 || newline >= body.end ? body.end : newline;
    const rest = text.startsWith(dashed, lineStart) ? text.slice(lineStart + dashed.length, lineEnd).trimEnd() : null;
    if (rest === '' || rest === '--') {
      if (partStart !== null) parts.push({ start: partStart, end: Math.max(partStart, endOfLineBefore(text, lineStart)) });
      if (rest === '--' || parts.length >= MAX_PARTS) return parts;
      partStart = lineEnd + 1;
    }
    lineStart = lineEnd + 1;
  }
  if (partStart !== null && partStart < body.end) parts.push({ start: partStart, end: body.end });
  return parts;
}

/** The line break before a delimiter belongs to the delimiter, not to the part before it. */
function endOfLineBefore(text: string, lineStart: number): number {
  return lineStart - (text[lineStart - 2] === '\r' ? 2 : 1);
}
