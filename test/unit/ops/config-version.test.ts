import { expect } from 'chai';
import { mkdtempSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { contentVersion } from '../../../src/ops/config-version';

describe('the live config version', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'complaintd-version-'));
    mkdirSync(path.join(dir, 'templates/en'), { recursive: true });
    writeFileSync(path.join(dir, 'templates/en/a.subject.hbs'), 'A');
    writeFileSync(path.join(dir, 'rules.yaml'), 'rules: []\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const version = (): string => contentVersion([path.join(dir, 'templates'), path.join(dir, 'rules.yaml')]);

  it('is 12 hex digits and changes when a file under a watched folder changes', () => {
    const before = version();
    expect(before).to.match(/^[0-9a-f]{12}$/);
    writeFileSync(path.join(dir, 'templates/en/a.subject.hbs'), 'B');
    expect(version()).to.not.equal(before);
  });

  it('does not change when a file is only touched or an editor leaves a hidden swap file', () => {
    const before = version();
    utimesSync(path.join(dir, 'rules.yaml'), new Date(0), new Date(0));
    writeFileSync(path.join(dir, 'templates/en/.a.subject.hbs.swp'), 'x');
    expect(version()).to.equal(before);
  });

  it('a removed file is a change', () => {
    const before = version();
    rmSync(path.join(dir, 'rules.yaml'));
    expect(version()).to.not.equal(before);
  });
});
