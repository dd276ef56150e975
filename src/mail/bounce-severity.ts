// Why a recipient bounced, and whether the address itself is bad (hard) or the failure could pass
// (soft). Hard bounces put an address on the suppression list, so "hard" must mean "sending there
// again is pointless", not merely "this letter failed": a full mailbox, a letter too large, or our
// server being refused as spam are failures of this letter that say nothing bad about the address.

export type BounceReason =
  | 'no_such_user'
  | 'no_such_domain'
  | 'mailbox_disabled'
  | 'mailbox_full'
  | 'message_too_large'
  /** Our letter or our server was refused: spam, blocklists, policy, authentication, the sender address. */
  | 'refused'
  /** Trouble on the way: connections, remote system errors, loops, greylisting. */
  | 'transient'
  /** The reporting MTA gave up after retrying for its whole retry period. */
  | 'expired'
  | 'other';

/** Reasons that condemn the address whatever the status class says. */
const HARD_REASONS = new Set<BounceReason>(['no_such_user', 'no_such_domain', 'mailbox_disabled']);
/** Reasons that never condemn the address, even with a 5.x.x status. */
const SOFT_REASONS = new Set<BounceReason>(['mailbox_full', 'message_too_large', 'refused', 'transient', 'expired']);

// Checked in this order: the first that matches names the reason. Texts come before codes because
// servers misuse codes (552 or 5.1.1 for a full mailbox). Spam, blocklist and sender words come
// before user-unknown ones because "mailbox unavailable" also fronts "your IP is blacklisted";
// vaguer refusals ("denied", "policy") come last, since "user unknown; access denied" is about the
// user. Gave-up and network words come after the address ones: qmail appends "I'm not going to try
// again; this message has been in the queue too long" to whatever the remote server said.
const TEXT_REASONS: Array<[BounceReason, RegExp]> = [
  ['mailbox_full', /mailbox (is )?full|mail ?box.{0,40}(full|exceeded)|mail ?folder is full|over ?quota|quota (exceeded|full)|exceeded.{0,30}(quota|storage)|(disk|storage) quota|insufficient (disk|storage) space|storage (full|allocation)|too much mail data|mailbox size limit|number of messages.{0,40}exceeded|no space left|переполнен|превышен.{0,20}(объ[её]м|квот|размер ящика)/i],
  ['message_too_large', /message (is )?too (big|large)|message size exceeds|(mail|message) size limit|size limit exceeded|exceeds? (the )?(maximum|max)[a-z ]{0,20}size|message length exceeds|слишком (большое|велико)/i],
  ['refused', /spam|black ?list|block ?list|spamhaus|spamcop|\brbl\b|dnsbl|reputation|virus|unsolicited|\bspf\b|dmarc|dkim|unauthenticated|sender (address )?(rejected|denied|verify failed)|unroutable sender|sender domain|reverse dns|\brdns\b|ptr record|open relay|relay(ing)? (access )?(denied|not permitted)|not permitted to relay|relay quota|daily (relay|sending) quota|authentication required|(requires?|support) (tls|starttls)|invalid ip for sending|unable to relay|smtp authentication|mismatches client ip|спам/i],
  ['no_such_domain', /host (or domain name )?(not found|unknown)|unknown host|host \S+ not found|domain (name )?(not found|does not exist|unknown)|no such domain|(illegal|invalid) (host\/)?domain|unrouteable (mail )?domain|host not found|no (mx|mail exchanger|smtp service)|couldn't find a mail exchanger|does not accept mail|nxdomain|домен.{0,20}не (найден|существует)/i],
  ['mailbox_disabled', /account (has been |is )?(disabled|deactivated|suspended|expired|inactive|locked|discontinued)|mailbox (is )?(disabled|inactive|suspended|frozen)|user (account )?(is )?(disabled|suspended)|has been (disabled|suspended)|no longer (active|available)|заблокирован|отключ[её]н/i],
  ['no_such_user', /user (is )?unknown|unknown (user|recipient|local[- ]part|address|mailbox|e-?mail address)|no such (user|mailbox|recipient|address|account)|(user|recipient|mailbox|address|account) (does not|doesn't|did not) exist|(account|user|mailbox|address|recipient)\b.{0,40}\b(does not|doesn't) exist|\bnot exist\b|(user|recipient|mailbox|address|account|addressee) not (found|listed|known)|invalid (recipient|mailbox|address|user|final delivery userid)|not a (valid|known|registered) ([a-z]+ )?(user|recipient|mailbox)|recipient name is not recognized|recipient not found|(address|mailbox) (couldn't|could not|can't) be found|mailbox unavailable|unrouteable address|bad destination (mailbox )?address|no mailbox here|not listed in|doesn't have a .{1,60} account|address is not valid|there is no one at this address|no valid recipients|нет так(ого|ой|их)|не существует|не найден/i],
  ['expired', /giving up|gave up|given up|too long in (the )?queue|in the queue too long|envelope expired|message expired|expired after|delivery time expired|retry (time|timeout) (not reached|exceeded)|multiple retries|failing for a long time|could not deliver for the last|could not be delivered for too long|cannot send message for \d|delivery failed \d+ attempts|aborted after/i],
  ['transient', /connection (refused|timed out|reset|lost|dropped)|timed? ?out|not reachable|unreachable|network error|(could not|couldn't|unable to|wasn't able to) (connect|contact|establish)|no route to host|lookup failure|try again later|temporar|mail loop|routing loop|loop detected|hop count|too many (hops|connections|recipients)|did not accept our requests to connect|not accepting connections|resources? (temporarily )?unavailable|insufficient system resources|system (is )?not accepting|(internal|system|mailer|protocol) error|service (currently )?(not available|unavailable)|greylist|queue file write error/i],
  ['refused', /blocked|policy|not allowed|denied|refused|prohibited|content filter|rejected by|filtered/i],
];

// Enhanced status codes (RFC 3463) by subject.detail, for replies whose text names nothing known.
const STATUS_REASONS: Array<[RegExp, BounceReason]> = [
  [/^\d\.1\.[78]$/, 'refused'],
  [/^\d\.1\.(2|10)$/, 'no_such_domain'],
  [/^\d\.1\.\d+$/, 'no_such_user'],
  [/^\d\.2\.1$/, 'mailbox_disabled'],
  [/^\d\.2\.2$/, 'mailbox_full'],
  [/^\d\.(2\.3|3\.4)$/, 'message_too_large'],
  [/^\d\.4\.4$/, 'no_such_domain'],
  [/^\d\.4\.7$/, 'expired'],
  [/^\d\.[34]\.\d+$/, 'transient'],
  [/^\d\.[67]\.\d+$/, 'refused'],
];

export function bounceReason(status: string | null, diagnostic: string | null): BounceReason {
  const text = diagnostic ?? '';
  for (const [reason, pattern] of TEXT_REASONS) if (pattern.test(text)) return reason;
  for (const [pattern, reason] of STATUS_REASONS) if (status && pattern.test(status)) return reason;
  return 'other';
}

/**
 * Hard: the recipient failed and the address is what is wrong. A delayed recipient is never hard.
 * Named reasons decide first; otherwise the status class does (5.x.x hard, 4.x.x soft), then the
 * SMTP reply code in the diagnostic; a failure with no code at all is permanent by its own word.
 */
export function isHardBounce(action: 'failed' | 'delayed' | 'other', status: string | null, diagnostic: string | null, reason: BounceReason): boolean {
  if (action !== 'failed') return false;
  if (HARD_REASONS.has(reason)) return true;
  if (SOFT_REASONS.has(reason)) return false;
  const statusClass = status?.[0] ?? /(?:^|[^\d.])([245])\d\d(?:[ -]|$)/.exec(diagnostic ?? '')?.[1];
  return statusClass !== '4' && statusClass !== '2';
}
