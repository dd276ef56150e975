// Attachment names come from the sender and end up on disk, in download headers and in front of
// staff: a name like "../../etc/passwd", "CON", "invoice\u202Efdp.exe" or 300 characters of
// Cyrillic must not escape the folder, break Windows or hide its real extension.

// Most filesystems allow 255 bytes per name; leave room for a suffix the store may add.
const MAX_NAME_BYTES = 200;
const MAX_EXTENSION_LENGTH = 10;
// Controls, and the bidirectional overrides that make "exe.pdf" display as "fdp.exe".
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
// Characters Windows forbids in a name.
const RESERVED = /[<>:"/\\|?*]/g;
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com\d|lpt\d)(?:\.|$)/i;
const FALLBACK_EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'text/plain': 'txt',
  'text/html': 'html',
  'message/rfc822': 'eml',
  'application/ms-tnef': 'dat',
};

/**
 * A name safe to store and show. `index` is the attachment's 1-based position, used for the
 * fallback name ("attachment-1.pdf") when nothing usable is left of the sender's name.
 */
export function safeFileName(name: string | undefined, index: number, contentType: string): string {
  const base = lastPathSegment(name ?? '').normalize('NFC');
  const cleaned = base
    .replace(INVISIBLE, '')
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (!/[\p{L}\p{N}]/u.test(cleaned)) {
    return `attachment-${index}.${FALLBACK_EXTENSIONS[contentType.toLowerCase()] ?? 'bin'}`;
  }
  const named = WINDOWS_DEVICE.test(cleaned) ? `_${cleaned}` : cleaned;
  return boundLength(named);
}

function lastPathSegment(name: string): string {
  const segments = name.split(/[/\\]/);
  return segments[segments.length - 1] ?? '';
}

/** Shortens the stem, never the extension, until the name fits in MAX_NAME_BYTES of UTF-8. */
function boundLength(name: string): string {
  if (Buffer.byteLength(name) <= MAX_NAME_BYTES) return name;
  const dot = name.lastIndexOf('.');
  const hasExtension = dot > 0 && name.length - dot - 1 <= MAX_EXTENSION_LENGTH;
  const extension = hasExtension ? name.slice(dot) : '';
  const stem = hasExtension ? name.slice(0, dot) : name;
  return `${takeBytes(stem, MAX_NAME_BYTES - Buffer.byteLength(extension)).trimEnd()}${extension}`;
}

/** The longest prefix of whole characters that fits in `maxBytes` of UTF-8 (Cyrillic takes two). */
function takeBytes(text: string, maxBytes: number): string {
  let bytes = 0;
  let out = '';
  for (const char of text) {
    bytes += Buffer.byteLength(char);
    if (bytes > maxBytes) break;
    out += char;
  }
  return out;
}
