// Builds the ImapFlow client from config. ImapFlow does not reconnect by itself: the intake loop
// owns reconnection, this only makes one connection.
import { ImapFlow } from 'imapflow';
import type { AppConfig } from '../config/schema';

export function createImapClient(imap: AppConfig['imap']): ImapFlow {
  return new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.secure,
    auth: imap.accessToken ? { user: imap.user, accessToken: imap.accessToken } : { user: imap.user, pass: imap.password },
    tls: { rejectUnauthorized: imap.tlsRejectUnauthorized },
    logger: false,
    connectionTimeout: imap.connectTimeoutMs,
    greetingTimeout: imap.connectTimeoutMs,
    // ImapFlow's default waits 15 s before entering IDLE, and the server tells of new mail only in
    // IDLE or in answer to a command: mail arriving meanwhile waits for the delay. Under steady mail
    // the session is rarely quiet for long, so even one second was most of a complaint's latency;
    // 100 ms is longer than the gaps inside one sync, so there is still no IDLE per command.
    autoIdleDelay: 100,
    disableAutoIdle: !imap.idle,
  });
}
