// The SMTP side: a nodemailer pool sending the outbox's prepared bytes as they are. Several letters
// may be in flight at once; the pool spreads them over its connections.
import nodemailer from 'nodemailer';
import type { AppConfig } from '../config/schema';
import type { SmtpErrorLike } from './delivery-error';

export interface SendResult {
  /** The server's reply to the message data, e.g. "250 2.0.0 Ok: queued as 4F1A2". */
  response: string;
  /** Recipients the server refused while taking the message for the others, with its reply for each. */
  rejected: Array<{ address: string; error: SmtpErrorLike }>;
}

export interface Transport {
  send(letter: { from: string; to: string[]; raw: Buffer }): Promise<SendResult>;
  close(): void;
}

interface NodemailerInfo {
  response?: string;
  rejected?: Array<string | { address: string }>;
  rejectedErrors?: Array<SmtpErrorLike & { recipient?: string }>;
}

export function createSmtpTransport(smtp: AppConfig['smtp']): Transport {
  const transporter = nodemailer.createTransport({
    pool: true,
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    maxConnections: smtp.maxConnections,
    tls: { rejectUnauthorized: smtp.tlsRejectUnauthorized },
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password } } : {}),
    connectionTimeout: 15000,
    greetingTimeout: 15000,
    socketTimeout: 60000,
  });
  return {
    async send(letter) {
      const info = (await transporter.sendMail({ envelope: { from: letter.from, to: letter.to }, raw: letter.raw })) as NodemailerInfo;
      const errors = info.rejectedErrors ?? [];
      const rejected = (info.rejected ?? []).map((r, i) => {
        const address = typeof r === 'string' ? r : r.address;
        return { address, error: errors.find((e) => e.recipient === address) ?? errors[i] ?? { message: 'recipient refused' } };
      });
      return { response: String(info.response ?? 'sent'), rejected };
    },
    close: () => transporter.close(),
  };
}
