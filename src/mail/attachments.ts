// Attachments as we keep them: always a checksum and a size, so staff and deduplication know what
// arrived, but the content only up to the configured limit, so one huge file cannot fill the store.
import type { Attachment } from 'mailparser';
import type { ParsedAttachment } from './parsed-message';
import { safeFileName } from './safe-file-name';

/** Expects mailparser to have hashed the content with sha256 (`checksumAlgo: 'sha256'`). */
export function toParsedAttachments(attachments: readonly Attachment[], maxAttachmentBytes: number): ParsedAttachment[] {
  return attachments.map((attachment, i) => {
    const contentType = attachment.contentType.toLowerCase();
    const isKept = attachment.size <= maxAttachmentBytes;
    return {
      safeName: safeFileName(attachment.filename, i + 1, contentType),
      contentType,
      size: attachment.size,
      sha256: attachment.checksum,
      content: isKept ? attachment.content : null,
      droppedReason: isKept ? null : `over size limit ${maxAttachmentBytes} bytes`,
    };
  });
}
