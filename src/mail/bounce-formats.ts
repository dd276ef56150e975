// The bounce layouts we recognise without a delivery-status part, each known by a sentence its MTA
// always writes. Like ZoneMTA's bounces.txt, every rule carries a real example (from the fixtures'
// sources), and the test suite checks that each rule matches its example, so a rule cannot rot.
// `recipients` patterns are only for layouts that put the failed address inside a sentence.

export interface BounceFormat {
  format: string;
  description: string;
  indicator: RegExp;
  example: string;
  /** Capture group 1 is a failed address. */
  recipients?: RegExp[];
  /** Capture group 1 is the reporting host. */
  reportingMta?: RegExp;
}

// Order matters where one MTA wraps another's text: Mail.ru and GMX/1&1 quote Exim's sentence,
// Yandex quotes Postfix's, so the wrappers come first.
export const BOUNCE_FORMATS: readonly BounceFormat[] = [
  {
    format: 'mailru',
    description: 'Mail.Ru (Exim inside, with a Russian preface)',
    indicator: /Это письмо создано автоматически\s+сервером Mail\.Ru/,
    example: 'Это письмо создано автоматически сервером Mail.Ru, отвечать на него не нужно.',
  },
  {
    format: 'yandex',
    description: 'Yandex (Postfix inside, with a Russian preface)',
    indicator: /Это письмо отправлено почтовым сервером\s+(\S*yandex|\S*ya)\.ru/i,
    example: 'Это письмо отправлено почтовым сервером yandex.ru.',
    reportingMta: /почтовым сервером\s+(\S+?)\.?\s/,
  },
  {
    format: 'russian-text',
    description: 'Russian-language reports from other servers',
    indicator: /(Ваше|Вашe) (письмо|сообщение) не (может быть|было|удалось) (доставлено|доставить)|не удалось доставить (письмо|сообщение)|письмо не (было )?доставлено|сообщение не (было )?доставлено/i,
    example: 'К сожалению, Ваше письмо не может быть доставлено одному или нескольким получателям:',
  },
  {
    format: 'einsundeins',
    description: '1&1 and GMX (Exim wording, their own returned-header marker)',
    indicator: /--- The header of the original message is following\. ---/,
    example: '--- The header of the original message is following. ---',
  },
  {
    format: 'exim',
    description: 'Exim (also Zoho, MXLogic and others built on it)',
    indicator: /This message was created automatically by mail(\s+delivery)? software|contained one or more recipient addresses that were\s+incorrectly constructed|-{3,}\s*Failed addresses follow:/i,
    example: 'This message was created automatically by mail delivery software.',
  },
  {
    format: 'qmail',
    description: 'qmail and qmail-derived MTAs (Yahoo!, many hosting providers)',
    indicator: /This is the qmail-send program at|I'm afraid I wasn't able to deliver your message|Sorry, we were unable to deliver your message to the following address|--- Below this line is a copy of the message/i,
    example: 'Hi. This is the qmail-send program at mx4.example.jp.',
    reportingMta: /qmail-send program at ([\w.-]+?)\.?\s/,
  },
  {
    format: 'postfix-text',
    description: 'Postfix, when it sends its report without a delivery-status part',
    indicator: /This is the (mail system|Postfix program) at host/i,
    example: 'This is the mail system at host p351355.pool.example.ne.jp.',
    reportingMta: /at host ([\w.-]+?)\.?\s/,
  },
  {
    format: 'gmail',
    description: 'Gmail and Google Groups',
    indicator: /Delivery to the following recipients? (failed permanently|has been delayed)|Google tried to deliver your message|\*\* (Address not found|Message not delivered|Message blocked) \*\*|Your message wasn't delivered to|Google Groups/i,
    example: 'Delivery to the following recipient failed permanently:',
    recipients: [/wasn't delivered to (\S+@[^\s,]+?) because/gi],
  },
  {
    format: 'exchange',
    description: 'Microsoft Exchange and Office 365 reports in their text form',
    indicator: /Delivery has failed to these recipients or groups|did not reach the following recipient|Your message did not reach some or all of the intended recipients|The following recipient\(s\) (could not|cannot) be reached|rejected your message to the following e-?mail addresses|Your message to .{1,200}? couldn't be delivered/i,
    example: 'Delivery has failed to these recipients or groups:',
  },
  {
    format: 'sendmail',
    description: 'Sendmail and its descendants',
    indicator: /-{3,}\s*The following addresses had (permanent fatal errors|delivery (errors|problems))|-{3,}\s*Transcript of session follows|The original message was received at/i,
    example: '   ----- The following addresses had permanent fatal errors -----',
    // The transcript's own verdict line: "554 <x@y>... 550 Host unknown".
    recipients: [/^[ \t]*[45]\d\d[ -](?:[45]\.\d{1,3}\.\d{1,3} )?<([^>\s]+@[^>\s]+)>\.\.\./gm],
  },
  {
    format: 'courier',
    description: 'Courier mail server',
    indicator: /This is a delivery status notification from .{1,200}running the Courier mail server/is,
    example: 'This is a delivery status notification from marutamachi.example.org,\nrunning the Courier mail server, version 0.65.2.',
  },
  {
    format: 'opensmtpd',
    description: 'OpenSMTPD',
    indicator: /This is the MAILER-DAEMON, please DO NOT REPLY to this e-?mail/i,
    example: '    This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.',
  },
  {
    format: 'dragonfly',
    description: 'DragonFly Mail Agent (dma)',
    indicator: /This is the DragonFly Mail Agent/,
    example: 'This is the DragonFly Mail Agent v0.13 at df.example.jp.',
    recipients: [/error delivering your mail to <([^>\s]+@[^>\s]+)>/gi],
    reportingMta: /DragonFly Mail Agent \S+ at ([\w.-]+?)\.?\s/,
  },
  {
    format: 'notes',
    description: 'Lotus Notes / Domino',
    indicator: /was not delivered to:\s+\S+@\S+\s+because:|-{3,}\s*Failure Reasons\s*-{3,}/i,
    example: 'was not delivered to:\n\n  kijitora@example.jp\n\nbecause:',
  },
  {
    format: 'mimecast',
    description: 'Mimecast',
    indicator: /An email that you attempted to send to the following address could not be delivered/i,
    example: 'An email that you attempted to send to the following address could not be delivered:',
  },
  {
    format: 'mailing-list',
    description: 'mailing-list managers refusing the letter (fml)',
    indicator: /You are not a member of this mailing list|Duplicated Message-ID in/i,
    example: 'You are not a member of this mailing list <neko-nyaan@example.org>.',
    recipients: [/(?:mailing list|Message-ID in) <([^>\s]+@[^>\s]+)>/gi],
  },
  {
    format: 'au-kddi',
    description: 'au (KDDI) mobile mail',
    indicator: /Your mail sent on:[\s\S]{0,200}Could not be delivered to:/,
    example: 'Your mail sent on: Thu, 29 Apr 2013 23:45:22 +0900\n     Could not be delivered to: <kijitora@x0000000000000.dion.ne.jp>',
  },
  {
    format: 'james',
    description: 'Apache James and the Verizon gateways built on it',
    indicator: /^Message details:\s*$[\s\S]{0,400}RCPT TO:/m,
    example: 'Message details:\n  Subject: Test message\n  RCPT TO: 000000000000@vtext.example.com',
  },
  {
    format: 'generic-text',
    description: 'other reports that still say so in words',
    // The last alternative is an SMTP transcript: a 5xx reply shortly after RCPT TO.
    indicator: /(could not|couldn't|cannot|can't|unable to|was not|were not|wasn't) (be )?deliver(ed)?|delivery (has )?failed|failed to deliver|undeliverable|permanent(ly)? (error|failure|fatal)|delivery (status notification|failure)|returned mail|mail delivery failed|had delivery errors|RCPT TO:\s*<[^>\s]+>[\s\S]{0,200}?(?<![\d.])5\d\d(?![\d.])/i,
    example: 'Unable to deliver message to the following address(es).',
  },
];

export function detectBounceFormat(text: string): BounceFormat | null {
  return BOUNCE_FORMATS.find((format) => format.indicator.test(text)) ?? null;
}
