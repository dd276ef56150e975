// The settings a deployment must give (mailbox, relay, From, staff), pointed at the test mail stack.
// The shipped defaults have none on purpose, so every test that loads a configuration takes them
// from here: as a local file's content, or as COMPLAINTD__ variables over the shipped defaults.
import { MAILSTACK } from './mailstack';

export const TEST_DEPLOYMENT = {
  imap: { host: MAILSTACK.host, port: MAILSTACK.imapPort, secure: false, user: 'complaints@example.test', password: MAILSTACK.password },
  smtp: { host: MAILSTACK.host, port: MAILSTACK.smtpPort, secure: false, fromAddress: 'complaints@example.test' },
  staff: { notify: ['staff1@example.test'] },
};

/** The same settings as environment overrides, for code that loads the shipped defaults alone. */
export function testDeploymentEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [section, keys] of Object.entries(TEST_DEPLOYMENT)) {
    for (const [key, value] of Object.entries(keys)) {
      env[`COMPLAINTD__${section.toUpperCase()}__${key.toUpperCase()}`] = Array.isArray(value) ? `[${value.join(', ')}]` : String(value);
    }
  }
  return env;
}
