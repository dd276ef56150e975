// What makes two deliveries "the same message": its Message-ID from the same sender, or, without a
// Message-ID, the same bytes. The sender is part of the key because some mailers reuse Message-IDs;
// a stranger's letter that happens to share one must not be dropped as a duplicate.
import type { ParsedMessage } from '../mail/parsed-message';

export function dedupeKeyOf(parsed: Pick<ParsedMessage, 'messageId' | 'from' | 'contentHash'>): string {
  if (!parsed.messageId) return `sha256:${parsed.contentHash}`;
  return `${parsed.messageId} from ${parsed.from?.address ?? '(no sender)'}`;
}
