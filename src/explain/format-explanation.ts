// The human-readable form of an explanation: one block per file, the decision first, then the
// evidence for each step, then the client's words as staff would read them.
import type { Explanation } from './explain-message';

export function formatExplanation(e: Explanation): string {
  const lines: string[] = [`== ${e.file}`, `outcome:    ${e.outcome}: ${e.reason}`];
  if (e.parsed) {
    const p = e.parsed;
    lines.push(`from:       ${p.fromName ? `${p.fromName} ` : ''}<${p.from ?? 'none'}>`, `subject:    ${p.subject}`, `language:   ${p.language ?? 'unknown'}   charsets: ${p.charsets.join(', ') || 'none declared'}`);
    for (const r of p.repairs) lines.push(`repaired:   ${r}`);
    if (p.attachments.length > 0) lines.push(`attachments: ${p.attachments.map((a) => `${a.name} (${a.size} bytes)`).join(', ')}`);
  }
  lines.push(`automated:  ${e.automated.automated ? `yes: ${e.automated.reason ?? ''}` : 'no'}`);
  const t = e.thread;
  lines.push(`thread:     ${t.kind}${t.caseNumber ? ` ${t.caseNumber}` : ''}${t.via ? ` (via ${t.via})` : ''}: ${t.reason}`);
  if (t.linkedTo) lines.push(`linked to:  ${t.linkedTo}`);
  for (const n of t.notes) lines.push(`note:       ${n}`);
  if (e.sender) {
    lines.push(`sender:     ${e.sender.kind}: ${e.sender.reason}`);
    if (e.sender.actions.length > 0) lines.push(`commands:   ${e.sender.actions.join(', ')}`);
    for (const err of e.sender.errors) lines.push(`error:      ${err}`);
  }
  if (e.effect && e.sender?.kind !== 'staff') lines.push(`effect:     ${e.effect.kind}: ${e.effect.reason}`);
  if (e.category) lines.push(`category:   ${e.category.category} (${e.category.source}, ${Math.round(e.category.confidence * 100)}%${e.category.needsReview ? ', needs review' : ''}): ${e.category.reason}`);
  lines.push(`letters:    ${e.letters.length === 0 ? 'none' : e.letters.map((l) => `${l.kind} to ${l.to.join(', ')}`).join('; ')}`);
  lines.push('reply text:', indent(e.reply.text || '(empty)'));
  if (e.reply.thanksOnly) lines.push('            (only thanks)');
  if (e.reply.signature) lines.push('signature:', indent(e.reply.signature));
  if (e.reply.quote) lines.push(`quote:      ${e.reply.quote.split('\n').length} lines`);
  return lines.join('\n');
}

function indent(text: string): string {
  return text.split('\n').map((l) => `    ${l}`).join('\n');
}
