// Permanent or transient? Decided from the SMTP reply code alone (5xx permanent, 4xx and network
// failures transient), as the RFCs intend; message texts differ between servers and are not read.

export type DeliveryVerdict = { kind: 'permanent' | 'transient'; summary: string };

export interface SmtpErrorLike {
  message?: string;
  responseCode?: number;
  code?: string;
  response?: string;
}

export function classifyDeliveryError(err: SmtpErrorLike): DeliveryVerdict {
  const code = err.responseCode;
  const text = (err.response ?? err.message ?? 'unknown error').replace(/\s+/g, ' ').slice(0, 500);
  if (typeof code === 'number' && code >= 500 && code < 600) return { kind: 'permanent', summary: replyOnce(code, text) };
  if (typeof code === 'number' && code >= 400 && code < 500) return { kind: 'transient', summary: replyOnce(code, text) };
  // No reply code: connection refused, timeout, TLS failure. The server may come back.
  return { kind: 'transient', summary: `${err.code ?? 'network'}: ${text}` };
}

/**
 * nodemailer's `response` is the server's whole reply line, code included ("550 5.1.1 ..."); a
 * text without it (an error message only) gets the code in front, so staff always see it once.
 */
function replyOnce(code: number, text: string): string {
  return new RegExp(`^${code}(?:[ -]|$)`).test(text) ? text : `${code} ${text}`;
}
