import { expect } from 'chai';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config/load';
import { ConfigError } from '../../../src/config/errors';

function writeLocal(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'complaintd-config-'));
  const file = path.join(dir, 'local.yaml');
  writeFileSync(file, text);
  return file;
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.source}:${p.line}:${p.keyPath}:${p.message}`);
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration loading', () => {
  it('the shipped default file is valid on its own and points at the local mail stack', () => {
    const { config } = loadConfig({ env: {}, localFile: writeLocal('{}\n') });
    expect(config.imap.port).to.equal(3143);
    expect(config.smtp.port).to.equal(2525);
    expect(config.store.client).to.equal('sqlite3');
    expect(config.mail.quotingDir).to.equal('config/quoting');
  });

  it('a local file overrides one key and keeps the others', () => {
    const { config } = loadConfig({ env: {}, localFile: writeLocal('imap:\n  port: 993\n  secure: true\n') });
    expect(config.imap.port).to.equal(993);
    expect(config.imap.secure).to.equal(true);
    expect(config.imap.host).to.equal('127.0.0.1');
  });

  it('a mistyped key is rejected with the file, the key path and its line', () => {
    const file = writeLocal('imap:\n  host: mail.example.org\n  pasword: x\n');
    const problems = problemsOf(() => loadConfig({ env: {}, localFile: file }));
    expect(problems).to.have.length(1);
    expect(problems[0]).to.match(new RegExp(`^${file}:3:imap\\.pasword:`));
  });

  it('a value of the wrong type names the line of the local file that set it', () => {
    const file = writeLocal('# comment\nsmtp:\n  port: "twenty-five"\n');
    const problems = problemsOf(() => loadConfig({ env: {}, localFile: file }));
    expect(problems[0]).to.match(new RegExp(`^${file}:3:smtp\\.port:`));
  });

  it('a YAML syntax error is reported with its line', () => {
    const file = writeLocal('imap:\n  host: a\n   port: [\n');
    const problems = problemsOf(() => loadConfig({ env: {}, localFile: file }));
    expect(problems[0]).to.match(new RegExp(`^${file}:\\d+::YAML`));
  });

  it('an environment variable overrides the files and keeps a numeric password a string', () => {
    const { config } = loadConfig({
      localFile: writeLocal('{}\n'),
      env: { COMPLAINTD__IMAP__PASSWORD: '12345', COMPLAINTD__SMTP__PORT: '587', COMPLAINTD__STAFF__NOTIFY: '[a@b.test, c@d.test]' },
    });
    expect(config.imap.password).to.equal('12345');
    expect(config.smtp.port).to.equal(587);
    expect(config.staff.notify).to.deep.equal(['a@b.test', 'c@d.test']);
  });

  it('an environment variable naming no key is an error that names the variable', () => {
    const problems = problemsOf(() => loadConfig({ localFile: writeLocal('{}\n'), env: { COMPLAINTD__IMAP__PASWORD: 'x' } }));
    expect(problems[0]).to.match(/^env COMPLAINTD__IMAP__PASWORD:null:imap\.pasword:no such configuration key/);
  });

  it('a password file replaces the password, without its trailing newline', () => {
    const secret = writeLocal('s3cret\n');
    const { config } = loadConfig({ env: {}, localFile: writeLocal(`imap:\n  passwordFile: ${secret}\n`) });
    expect(config.imap.password).to.equal('s3cret');
  });
});
