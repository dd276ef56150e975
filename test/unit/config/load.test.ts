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

  it('the default calendar, deadline and alert keys: Moscow, Monday to Friday, 30 days, reminders at half time and a working day before', () => {
    const { config } = loadConfig({ env: {}, localFile: writeLocal('{}\n') });
    expect(config.calendar).to.deep.equal({ timezone: 'Europe/Moscow', workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'], file: 'config/calendar/ru.yaml' });
    expect(config.deadlines).to.deep.equal({
      defaultDays: 30,
      onNonWorkingDay: 'next-working-day',
      reminders: [
        { kind: 'share', percent: 50, key: 'reminder:50%' },
        { kind: 'before', days: 1, unit: 'working', key: 'reminder:1wd-before' },
      ],
      remindersAt: '09:00',
      escalation: true,
      digestAt: '09:00',
      digestWorkingDaysOnly: true,
    });
    expect(config.alerts.threatsFile).to.equal('config/alerts/threats.yaml');
  });

  it('an unreadable reminder point, a repeated one and a bad digest time are each reported at their line', () => {
    const file = writeLocal('deadlines:\n  reminders:\n    - 50%\n    - halfway\n    - 50 %\n  digestAt: "9am"\n');
    expect(problemsOf(() => loadConfig({ env: {}, localFile: file }))).to.deep.equal([
      `${file}:4:deadlines.reminders.1:"halfway" is not a reminder point: write a share of the case's time such as "50%", or "1 working day before", or "2 days before"`,
      `${file}:6:deadlines.digestAt:must be a time written HH:MM, such as "09:00"`,
    ]);
    const repeated = writeLocal('deadlines:\n  reminders:\n    - 50%\n    - 50 %\n');
    expect(problemsOf(() => loadConfig({ env: {}, localFile: repeated }))).to.deep.equal([`${repeated}:4:deadlines.reminders.1:reminder "reminder:50%" is listed twice`]);
  });

  it('a misspelt working day or time zone in the calendar section is an error at its line', () => {
    const file = writeLocal('calendar:\n  timezone: Europe/Moskva\n  workingDays: [mon, tues]\n');
    const problems = problemsOf(() => loadConfig({ env: {}, localFile: file }));
    expect(problems[0]).to.equal(`${file}:2:calendar.timezone:must be an IANA time zone such as Europe/Moscow`);
    expect(problems[1]).to.match(new RegExp(`^${file}:3:calendar\\.workingDays\\.1:Invalid option`));
  });

  it('a password file replaces the password, without its trailing newline', () => {
    const secret = writeLocal('s3cret\n');
    const { config } = loadConfig({ env: {}, localFile: writeLocal(`imap:\n  passwordFile: ${secret}\n`) });
    expect(config.imap.password).to.equal('s3cret');
  });

  it('by default there are no staff members, new cases go to department queues and rejections wait for approval', () => {
    const { config } = loadConfig({ env: {}, localFile: writeLocal('{}\n') });
    expect(config.staff.members).to.deep.equal([]);
    expect(config.staff.routing.policy).to.equal('queue');
    expect(config.decisions.requireApproval).to.deep.equal(['rejected']);
  });

  it('a staff member from a local file gets its defaults, and a mistyped role names its line', () => {
    const good = loadConfig({ env: {}, localFile: writeLocal('staff:\n  members:\n    - { address: Anna@Example.test, name: Анна, role: agent, department: refunds }\n') });
    expect(good.config.staff.members).to.deep.equal([{ address: 'anna@example.test', name: 'Анна', role: 'agent', department: 'refunds', locale: 'ru' }]);
    const file = writeLocal('staff:\n  members:\n    - address: anna@example.test\n      name: Анна\n      role: boss\n');
    expect(problemsOf(() => loadConfig({ env: {}, localFile: file }))[0]).to.match(new RegExp(`^${file}:5:staff\\.members\\.0\\.role:`));
  });

  it('a decision outcome that does not exist is rejected', () => {
    const file = writeLocal('decisions:\n  requireApproval: [refused]\n');
    expect(problemsOf(() => loadConfig({ env: {}, localFile: file }))[0]).to.match(new RegExp(`^${file}:2:decisions\\.requireApproval\\.0:`));
  });
});
