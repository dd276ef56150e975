// RFC 3464 delivery-status fields: one block about the report, then one block per recipient
// (Final-Recipient, Action, Status, Diagnostic-Code...). Real reports bend the format (no blank line
// between blocks, blocks pasted into the text part, "rfc822;" missing), so this reader is lenient:
// a recipient block also starts wherever a second Final-Recipient would.

export interface DsnRecipient {
  /** Final-Recipient, lower-cased, address type and angle brackets removed. */
  finalRecipient: string | null;
  /** Original-Recipient (the address the sender gave), when the report names it. */
  originalRecipient: string | null;
  /** Lower-cased Action value, e.g. "failed", "delayed"; null when missing. */
  action: string | null;
  /** The enhanced status code, e.g. "5.1.1", from Status (or Diagnostic-Code when Status has none). */
  status: string | null;
  /** Diagnostic-Code without its type ("smtp;"), unfolded. */
  diagnostic: string | null;
}

export interface DeliveryStatus {
  /** Reporting-MTA without its type ("dns;"). */
  reportingMta: string | null;
  recipients: DsnRecipient[];
}

const MAX_RECIPIENTS = 100;
const MAX_DIAGNOSTIC_LENGTH = 1000;
const ENHANCED_STATUS = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;
const RECIPIENT_FIELDS = new Set(['final-recipient', 'original-recipient', 'action', 'status', 'diagnostic-code', 'x-actual-recipient']);

/** Fields of one or more delivery-status bodies; recipients without any address are dropped. */
export function parseDeliveryStatus(text: string): DeliveryStatus {
  const report: DeliveryStatus = { reportingMta: null, recipients: [] };
  let current: Partial<Record<string, string>> | null = null;
  const finish = () => {
    if (current) {
      const recipient = toRecipient(current);
      if ((recipient.finalRecipient ?? recipient.originalRecipient) && report.recipients.length < MAX_RECIPIENTS) {
        report.recipients.push(recipient);
      }
    }
    current = null;
  };
  for (const field of fieldsOf(text)) {
    if (field === null) {
      finish();
      continue;
    }
    const { name, value } = field;
    if (name === 'reporting-mta') report.reportingMta ??= stripType(value) || null;
    if (!RECIPIENT_FIELDS.has(name)) continue;
    // Original-Recipient comes before Final-Recipient in the RFC's order, so either may open a block.
    if (current && current[name] !== undefined && (name === 'final-recipient' || name === 'original-recipient')) finish();
    current ??= {};
    current[name] ??= value;
  }
  finish();
  return report;
}

/** Whether a text holds delivery-status fields: a Final-Recipient and an Action or Status beside it. */
export function hasDeliveryStatusFields(text: string): boolean {
  return /^[ \t]*Final-Recipient[ \t]*:/im.test(text) && /^[ \t]*(Action|Status)[ \t]*:/im.test(text);
}

// RFC 3464's field names. Some MTAs indent their fields, so an indented line naming one of these (or an
// X- extension) starts a field; any other "word:" continues the value, as Postfix folds a reply
// ("... User doesn't\n    exist: anna@example.org").
const DSN_FIELDS = new Set(['original-envelope-id', 'reporting-mta', 'dsn-gateway', 'received-from-mta', 'arrival-date', 'original-recipient', 'final-recipient', 'action', 'status', 'remote-mta', 'diagnostic-code', 'last-attempt-date', 'final-log-id', 'will-retry-until']);

function isIndentedField(line: string): boolean {
  const name = /^[ \t]*([A-Za-z][A-Za-z0-9-]*)[ \t]*:/.exec(line)?.[1]?.toLowerCase();
  return name !== undefined && (DSN_FIELDS.has(name) || name.startsWith('x-'));
}

/** Unfolded `name: value` fields, with null for each empty line (a block boundary). */
function* fieldsOf(text: string): Generator<{ name: string; value: string } | null> {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      yield null;
      continue;
    }
    const match = /^[ \t]*([A-Za-z][A-Za-z0-9-]*)[ \t]*:(.*)$/.exec(line);
    if (!match) continue;
    let value = match[2] ?? '';
    while (i + 1 < lines.length && /^[ \t]+\S/.test(lines[i + 1] ?? '') && !isIndentedField(lines[i + 1] ?? '')) {
      value += ' ' + (lines[++i] ?? '').trim();
    }
    yield { name: (match[1] ?? '').toLowerCase(), value: value.trim() };
  }
}

function toRecipient(fields: Partial<Record<string, string>>): DsnRecipient {
  const diagnostic = fields['diagnostic-code'] ? stripType(fields['diagnostic-code']).slice(0, MAX_DIAGNOSTIC_LENGTH) || null : null;
  const status = ENHANCED_STATUS.exec(fields['status'] ?? '')?.[0] ?? (diagnostic ? ENHANCED_STATUS.exec(diagnostic)?.[0] ?? null : null);
  return {
    finalRecipient: addressOf(fields['final-recipient'] ?? fields['x-actual-recipient']),
    originalRecipient: addressOf(fields['original-recipient']),
    action: fields['action']?.trim().toLowerCase().split(/[\s(;]/)[0] || null,
    status,
    diagnostic,
  };
}

/** "rfc822; <Anna@Example.test>" -> "anna@example.test"; null when there is no address. */
function addressOf(value: string | undefined): string | null {
  if (!value) return null;
  const address = stripType(value).replace(/^<|>$/g, '').replace(/[<>]/g, '').trim().split(/\s+/)[0] ?? '';
  return /^[^@\s]+@[^@\s]+$/.test(address) ? address.toLowerCase() : null;
}

/** "dns; mx.example.test" -> "mx.example.test": the address or name type before the first ";". */
function stripType(value: string): string {
  const semicolon = value.indexOf(';');
  return (semicolon >= 0 && /^[ \t]*[\w.-]*[ \t]*$/.test(value.slice(0, semicolon)) ? value.slice(semicolon + 1) : value).trim();
}
