// Delivery status notifications for tests, laid out as Postfix writes them (multipart/report with a
// delivery-status part and the returned headers), so each test states the recipient, the action, the
// status and which of our letters it returns.

export interface DsnSpec {
  /** The failed (or delayed) address. */
  recipient: string;
  action?: 'failed' | 'delayed';
  status?: string;
  diagnostic?: string;
  /** The Message-ID of the returned letter, without brackets; omitted: the report quotes no headers. */
  returnedMessageId?: string;
  /** The address the bounce was delivered to (our VERP return address), as Delivered-To. */
  deliveredTo?: string;
  /** The bounce's own Message-ID; unique by default. */
  messageId?: string;
}

let counter = 0;

export function dsn(spec: DsnSpec): Buffer {
  counter += 1;
  const action = spec.action ?? 'failed';
  const status = spec.status ?? (action === 'failed' ? '5.1.1' : '4.4.1');
  const diagnostic = spec.diagnostic ?? (action === 'failed' ? `smtp; 550 5.1.1 <${spec.recipient}>: Recipient address rejected: User unknown in virtual mailbox table` : 'smtp; 451 4.4.1 connection timed out');
  const to = spec.deliveredTo ?? 'complaints@example.test';
  const returned = spec.returnedMessageId
    ? ['--b', 'Content-Description: Undelivered Message Headers', 'Content-Type: text/rfc822-headers', '', `From: complaints@example.test`, `To: ${spec.recipient}`, `Message-ID: <${spec.returnedMessageId}>`, 'Subject: [CMP-2026-000001] Your complaint', '']
    : [];
  return Buffer.from([
    ...(spec.deliveredTo ? [`Delivered-To: ${spec.deliveredTo}`] : []),
    'Return-Path: <>',
    'From: MAILER-DAEMON@mail.example.test (Mail Delivery System)',
    `To: ${to}`,
    `Subject: ${action === 'failed' ? 'Undelivered Mail Returned to Sender' : 'Delayed Mail (still being retried)'}`,
    `Message-ID: <${spec.messageId ?? `dsn.${process.pid}.${Date.now()}.${counter}@mail.example.test`}>`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    '',
    '--b',
    'Content-Description: Notification',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    action === 'failed' ? 'I\'m sorry to have to inform you that your message could not be delivered to one or more recipients.' : 'This is a warning message only. Your message could not be delivered for the past 4 hours; we will keep trying.',
    '',
    '--b',
    'Content-Description: Delivery report',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mail.example.test',
    '',
    `Final-Recipient: rfc822; ${spec.recipient}`,
    `Original-Recipient: rfc822;${spec.recipient}`,
    `Action: ${action}`,
    `Status: ${status}`,
    `Diagnostic-Code: ${diagnostic}`,
    '',
    ...returned,
    '--b--',
    '',
  ].join('\r\n'));
}
