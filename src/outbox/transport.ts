// The SMTP side: a nodemailer pool sending the outbox's prepared bytes as they are.
import nodemailer from 'nodemailer';
import type { AppConfig } from '../config/schema';

export interface Transport {
  send(letter: { from: string; to: string[]; raw: Buffer }): Promise<string>;
  close(): void;
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
      const info = await transporter.sendMail({ envelope: { from: letter.from, to: letter.to }, raw: letter.raw });
      return String(info.response ?? 'sent');
    },
    close: () => transporter.close(),
  };
}
