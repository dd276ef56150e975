import { expect } from 'chai';
import { loadConfig } from '../../../src/config/load';
import type { AppConfig } from '../../../src/config/schema';
import { restartOnlyChanges, withRunningRestartSettings } from '../../../src/ops/restart-settings';
import { testDeploymentEnv } from '../../support/test-config';

const base = (): AppConfig => loadConfig({ env: testDeploymentEnv() }).config;

describe('settings that need a restart', () => {
  it('a changed relay password and poll interval are named by key, never by value', () => {
    const running = base();
    const next = { ...running, imap: { ...running.imap, pollIntervalMs: 1234 }, smtp: { ...running.smtp, password: 's3cret' } };
    const keys = restartOnlyChanges(running, next);
    expect(keys).to.deep.equal(['imap.pollIntervalMs', 'smtp.password']);
    expect(keys.join(' ')).to.not.include('s3cret');
  });

  it('changed templates, staff and deadlines need no restart', () => {
    const running = base();
    const next = { ...running, templates: { dir: '/elsewhere' }, deadlines: { ...running.deadlines, defaultDays: 10 }, staff: { ...running.staff, notify: ['x@example.test'] } };
    expect(restartOnlyChanges(running, next)).to.deep.equal([]);
  });

  it('the reloaded configuration keeps the running connections and takes the rest', () => {
    const running = base();
    const next = { ...running, imap: { ...running.imap, host: 'other.example' }, templates: { dir: '/elsewhere' } };
    const effective = withRunningRestartSettings(running, next);
    expect(effective.imap.host).to.equal(running.imap.host);
    expect(effective.templates.dir).to.equal('/elsewhere');
  });
});
