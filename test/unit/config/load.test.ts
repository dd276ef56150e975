import { expect } from 'chai';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { defaultConfigFile, loadConfig } from '../../../src/config/load';
import { ConfigError } from '../../../src/config/errors';
import { PATH_KEYS } from '../../../src/config/path-keys';
import { packageRoot } from '../../../src/config/package-root';

const made: string[] = [];

/** What every deployment must set (the shipped defaults leave it empty), as variables, so each test's file stays about its subject. */
const DEPLOYMENT = {
  COMPLAINTD__IMAP__HOST: 'imap.example.org',
  COMPLAINTD__IMAP__USER: 'complaints@example.org',
  COMPLAINTD__IMAP__PASSWORD: 'secret',
  COMPLAINTD__SMTP__HOST: 'smtp.example.org',
  COMPLAINTD__SMTP__FROMADDRESS: 'complaints@example.org',
};

function tempDir(): string {
  // realpath: on systems where the temp folder is a symlink, process.cwd() reports the real path.
  const dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'complaintd-config-')));
  made.push(dir);
  return dir;
}

function writeLocal(text: string, dir = tempDir()): string {
  const file = path.join(dir, 'local.yaml');
  writeFileSync(file, text);
  return file;
}

/** Runs `fn` with another working folder, as a daemon started from elsewhere would. */
function inFolder<T>(dir: string, fn: () => T): T {
  const before = process.cwd();
  process.chdir(dir);
  try {
    return fn();
  } finally {
    process.chdir(before);
  }
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
  // Every folder a test makes is removed after it, passed or failed.
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('the shipped defaults alone name every deployment setting still missing, and where to set it', () => {
    const problems = problemsOf(() => loadConfig({ env: {}, localFile: writeLocal('{}\n') }));
    const at = (key: string): string => problems.find((p) => p.split(':')[2] === key) ?? `${key} not reported`;
    expect(problems).to.have.length(5);
    for (const key of ['imap.host', 'imap.user', 'smtp.host', 'smtp.fromAddress']) {
      expect(at(key)).to.match(new RegExp(`config/default\\.yaml:\\d+:${key.replace('.', '\\.')}:required, set it in your local config \\(see README\\)$`));
    }
    expect(at('imap.password')).to.match(/:imap\.password:required \(or passwordFile, or accessToken\), set it in your local config \(see README\)$/);
  });

  it('with the deployment settings given, the defaults are a real server\'s ports with TLS and tell no staff', () => {
    const { config } = loadConfig({ env: DEPLOYMENT, localFile: writeLocal('{}\n') });
    expect(config.imap).to.include({ port: 993, secure: true, tlsRejectUnauthorized: true });
    expect(config.smtp).to.include({ port: 587, secure: false });
    expect(config.staff.notify).to.deep.equal([]);
    expect(config.store.client).to.equal('sqlite3');
    expect(config.mail.quotingDir).to.equal(path.join(packageRoot(), 'config', 'quoting'));
  });

  it('a password file or an access token is as good as a password for the mailbox login', () => {
    const secret = writeLocal('s3cret\n');
    const { COMPLAINTD__IMAP__PASSWORD: _password, ...withoutPassword } = DEPLOYMENT;
    expect(loadConfig({ env: withoutPassword, localFile: writeLocal(`imap:\n  passwordFile: ${secret}\n`) }).config.imap.password).to.equal('s3cret');
    expect(loadConfig({ env: { ...withoutPassword, COMPLAINTD__IMAP__ACCESSTOKEN: 'ya29.token' }, localFile: writeLocal('{}\n') }).config.imap.accessToken).to.equal('ya29.token');
  });

  it('a PostgreSQL store needs a URL or a host, and takes its password from a file relative to the local file', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'db.secret'), 'pg-s3cret\n');
    const problems = problemsOf(() => loadConfig({ env: DEPLOYMENT, localFile: writeLocal('store:\n  client: pg\n') }));
    expect(problems.join('\n')).to.match(/:store\.connection:required for client pg \(or host, port, database, user\)/);
    const { config } = loadConfig({ env: DEPLOYMENT, localFile: writeLocal('store:\n  client: pg\n  connection: postgres://complaintd@db.example.org/complaintd\n  passwordFile: db.secret\n', dir) });
    expect(config.store).to.include({ client: 'pg', connection: 'postgres://complaintd@db.example.org/complaintd', passwordFile: path.join(dir, 'db.secret'), password: 'pg-s3cret' });
    expect(loadConfig({ env: { ...DEPLOYMENT, COMPLAINTD__STORE__CLIENT: 'pg', COMPLAINTD__STORE__HOST: 'db', COMPLAINTD__STORE__PASSWORD: '12345' }, localFile: writeLocal('{}\n') }).config.store)
      .to.include({ host: 'db', port: 5432, database: 'complaintd', password: '12345' });
  });

  it('a store URL of another scheme, or a pool whose min passes its max, is refused', () => {
    const problems = problemsOf(() => loadConfig({ env: DEPLOYMENT, localFile: writeLocal('store:\n  client: pg\n  connection: mysql://db/x\n  pool:\n    min: 5\n    max: 2\n') }));
    expect(problems.join('\n')).to.match(/:store\.connection:must be a postgres:\/\/ URL/).and.to.match(/:store\.pool\.min:must not be more than pool\.max/);
  });

  it('a From address that is not an address is told so, not called missing', () => {
    const file = writeLocal('smtp:\n  fromAddress: complaints\n');
    const { COMPLAINTD__SMTP__FROMADDRESS: _from, ...withoutFrom } = DEPLOYMENT;
    expect(problemsOf(() => loadConfig({ env: withoutFrom, localFile: file }))).to.deep.equal([`${file}:2:smtp.fromAddress:must be an e-mail address`]);
  });

  it('a local file overrides one key and keeps the others', () => {
    const { config } = loadConfig({ env: DEPLOYMENT, localFile: writeLocal('imap:\n  port: 143\n  secure: false\n') });
    expect(config.imap).to.include({ port: 143, secure: false, mailbox: 'INBOX', tlsRejectUnauthorized: true });
  });

  it('a mistyped key is rejected with the file, the key path and its line', () => {
    const file = writeLocal('imap:\n  host: mail.example.org\n  pasword: x\n');
    const problems = problemsOf(() => loadConfig({ env: DEPLOYMENT, localFile: file }));
    expect(problems).to.have.length(1);
    expect(problems[0]).to.match(new RegExp(`^${file}:3:imap\\.pasword:`));
  });

  it('a value of the wrong type names the line of the local file that set it', () => {
    const file = writeLocal('# comment\nsmtp:\n  port: "twenty-five"\n');
    const problems = problemsOf(() => loadConfig({ env: DEPLOYMENT, localFile: file }));
    expect(problems[0]).to.match(new RegExp(`^${file}:3:smtp\\.port:`));
  });

  it('a YAML syntax error is reported with its line', () => {
    const file = writeLocal('imap:\n  host: a\n   port: [\n');
    const problems = problemsOf(() => loadConfig({ env: DEPLOYMENT, localFile: file }));
    expect(problems[0]).to.match(new RegExp(`^${file}:\\d+::YAML`));
  });

  it('an environment variable overrides the files and keeps a numeric password a string', () => {
    const { config } = loadConfig({
      localFile: writeLocal('{}\n'),
      env: { ...DEPLOYMENT, COMPLAINTD__IMAP__PASSWORD: '12345', COMPLAINTD__SMTP__PORT: '587', COMPLAINTD__STAFF__NOTIFY: '[a@b.test, c@d.test]' },
    });
    expect(config.imap.password).to.equal('12345');
    expect(config.smtp.port).to.equal(587);
    expect(config.staff.notify).to.deep.equal(['a@b.test', 'c@d.test']);
  });

  it('an environment variable naming no key is an error that names the variable', () => {
    const problems = problemsOf(() => loadConfig({ localFile: writeLocal('{}\n'), env: { ...DEPLOYMENT, COMPLAINTD__IMAP__PASWORD: 'x' } }));
    expect(problems[0]).to.match(/^env COMPLAINTD__IMAP__PASWORD:null:imap\.pasword:no such configuration key/);
  });

  it('the default calendar, deadline and alert keys: Moscow, Monday to Friday, 30 days, reminders at half time and a working day before', () => {
    const { config } = loadConfig({ env: DEPLOYMENT, localFile: writeLocal('{}\n') });
    expect(config.calendar).to.deep.equal({ timezone: 'Europe/Moscow', workingDays: ['mon', 'tue', 'wed', 'thu', 'fri'], file: path.join(packageRoot(), 'config', 'calendar', 'ru.yaml') });
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
    expect(config.alerts.threatsFile).to.equal(path.join(packageRoot(), 'config', 'alerts', 'threats.yaml'));
  });

  it('an unreadable reminder point, a repeated one and a bad digest time are each reported at their line', () => {
    const file = writeLocal('deadlines:\n  reminders:\n    - 50%\n    - halfway\n    - 50 %\n  digestAt: "9am"\n');
    expect(problemsOf(() => loadConfig({ env: DEPLOYMENT, localFile: file }))).to.deep.equal([
      `${file}:4:deadlines.reminders.1:"halfway" is not a reminder point: write a share of the case's time such as "50%", or "1 working day before", or "2 days before"`,
      `${file}:6:deadlines.digestAt:must be a time written HH:MM, such as "09:00"`,
    ]);
    const repeated = writeLocal('deadlines:\n  reminders:\n    - 50%\n    - 50 %\n');
    expect(problemsOf(() => loadConfig({ env: DEPLOYMENT, localFile: repeated }))).to.deep.equal([`${repeated}:4:deadlines.reminders.1:reminder "reminder:50%" is listed twice`]);
  });

  it('a misspelt working day or time zone in the calendar section is an error at its line', () => {
    const file = writeLocal('calendar:\n  timezone: Europe/Moskva\n  workingDays: [mon, tues]\n');
    const problems = problemsOf(() => loadConfig({ env: DEPLOYMENT, localFile: file }));
    expect(problems[0]).to.equal(`${file}:2:calendar.timezone:must be an IANA time zone such as Europe/Moscow`);
    expect(problems[1]).to.match(new RegExp(`^${file}:3:calendar\\.workingDays\\.1:Invalid option`));
  });

  it('a password file replaces the password, without its trailing newline', () => {
    const secret = writeLocal('s3cret\n');
    const { config } = loadConfig({ env: DEPLOYMENT, localFile: writeLocal(`imap:\n  passwordFile: ${secret}\n`) });
    expect(config.imap.password).to.equal('s3cret');
  });

  it('by default there are no staff members, new cases go to department queues and rejections wait for approval', () => {
    const { config } = loadConfig({ env: DEPLOYMENT, localFile: writeLocal('{}\n') });
    expect(config.staff.members).to.deep.equal([]);
    expect(config.staff.routing.policy).to.equal('queue');
    expect(config.decisions.requireApproval).to.deep.equal(['rejected']);
  });

  it('a staff member from a local file gets its defaults, and a mistyped role names its line', () => {
    const good = loadConfig({ env: DEPLOYMENT, localFile: writeLocal('staff:\n  members:\n    - { address: Anna@Example.test, name: Анна, role: agent, department: refunds }\n') });
    expect(good.config.staff.members).to.deep.equal([{ address: 'anna@example.test', name: 'Анна', role: 'agent', department: 'refunds', locale: 'ru' }]);
    const file = writeLocal('staff:\n  members:\n    - address: anna@example.test\n      name: Анна\n      role: boss\n');
    expect(problemsOf(() => loadConfig({ env: DEPLOYMENT, localFile: file }))[0]).to.match(new RegExp(`^${file}:5:staff\\.members\\.0\\.role:`));
  });

  it('a decision outcome that does not exist is rejected', () => {
    const file = writeLocal('decisions:\n  requireApproval: [refused]\n');
    expect(problemsOf(() => loadConfig({ env: DEPLOYMENT, localFile: file }))[0]).to.match(new RegExp(`^${file}:2:decisions\\.requireApproval\\.0:`));
  });

  it('a relative path in a local file is relative to that file\'s folder, not to the working folder', () => {
    const dir = tempDir();
    const file = writeLocal('store:\n  filename: data/c.sqlite\ntemplates:\n  dir: ../letters\n', dir);
    const { config } = inFolder(tempDir(), () => loadConfig({ env: DEPLOYMENT, localFile: file }));
    expect(config.store.filename).to.equal(path.join(dir, 'data', 'c.sqlite'));
    expect(config.templates.dir).to.equal(path.join(path.dirname(dir), 'letters'));
  });

  it('a local file named relative to the working folder still resolves its paths against its own folder', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'etc'));
    writeLocal('classification:\n  modelPath: model.json\n', path.join(dir, 'etc'));
    const { config } = inFolder(dir, () => loadConfig({ env: DEPLOYMENT, localFile: 'etc/local.yaml' }));
    expect(config.classification.modelPath).to.equal(path.join(dir, 'etc', 'model.json'));
  });

  it('the shipped rules, categories and templates are found in the package from any working folder', () => {
    const elsewhere = tempDir();
    const { config } = inFolder(elsewhere, () => loadConfig({ env: DEPLOYMENT, localFile: writeLocal('{}\n') }));
    expect(config.classification.rulesDir).to.equal(path.join(packageRoot(), 'config', 'rules'));
    expect(config.classification.categoriesFile).to.equal(path.join(packageRoot(), 'config', 'categories.yaml'));
    expect(config.templates.dir).to.equal(path.join(packageRoot(), 'templates'));
  });

  it('the default store and model are data, kept in the working folder rather than inside the package', () => {
    const elsewhere = tempDir();
    const { config } = inFolder(elsewhere, () => loadConfig({ env: DEPLOYMENT, localFile: writeLocal('{}\n') }));
    expect(config.store.filename).to.equal(path.join(elsewhere, 'var', 'complaintd.sqlite'));
    expect(config.classification.modelPath).to.equal(path.join(elsewhere, 'var', 'classifier-model.json'));
  });

  it('a relative path from an environment variable is relative to the working folder', () => {
    const elsewhere = tempDir();
    const { config } = inFolder(elsewhere, () => loadConfig({ env: { ...DEPLOYMENT, COMPLAINTD__STORE__FILENAME: 'x/store.sqlite' }, localFile: writeLocal('store:\n  filename: ignored.sqlite\n') }));
    expect(config.store.filename).to.equal(path.join(elsewhere, 'x', 'store.sqlite'));
  });

  it('an absolute path, an empty path and the in-memory store are kept as written', () => {
    const { config } = loadConfig({ env: DEPLOYMENT, localFile: writeLocal('store:\n  filename: ":memory:"\nimap:\n  passwordFile: ""\ntemplates:\n  dir: /srv/templates\n') });
    expect(config.store.filename).to.equal(':memory:');
    expect(config.imap.passwordFile).to.equal('');
    expect(config.templates.dir).to.equal('/srv/templates');
  });

  it('a password file named relative to the local file is read from beside it', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'imap.secret'), 'from-beside\n');
    const { config } = inFolder(tempDir(), () => loadConfig({ env: DEPLOYMENT, localFile: writeLocal('imap:\n  passwordFile: imap.secret\n', dir) }));
    expect(config.imap.password).to.equal('from-beside');
  });

  it('every declared path key is a text key of the shipped default file, so none is resolved by mistake or missed', () => {
    const defaults = parse(readFileSync(defaultConfigFile(), 'utf8')) as Record<string, unknown>;
    for (const { key } of PATH_KEYS) {
      const value = key.reduce<unknown>((node, step) => (node as Record<string, unknown> | undefined)?.[step], defaults);
      expect(value, key.join('.')).to.be.a('string');
    }
  });
});
