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
    // ImapFlow's default waits 15 s before entering IDLE, so new mail right after a command would
    // be noticed late; one second keeps notifications prompt without an IDLE per command.
    autoIdleDelay: 1000,
    disableAutoIdle: !imap.idle,
  });
}
