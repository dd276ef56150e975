import { expect } from 'chai';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { checkEverything } from '../../src/config/check';
import { TEST_DEPLOYMENT } from '../support/test-config';
import { TEMPLATE_NAMES } from '../../src/templates/catalogue';

const root = path.resolve(__dirname, '../..');

/** A deployment folder with its own copy of the shipped templates, as an admin would edit them. */
function deployment(local: Record<string, unknown> = {}): { dir: string; configFile: string; templates: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'complaintd-check-'));
  const templates = path.join(dir, 'templates');
  cpSync(path.join(root, 'templates'), templates, { recursive: true });
  const configFile = path.join(dir, 'local.yaml');
  writeFileSync(configFile, stringify({ ...TEST_DEPLOYMENT, templates: { dir: 'templates' }, classification: { modelPath: 'none.json' }, ...local }));
  return { dir, configFile, templates };
}

describe('check-config on templates and the staff directory', () => {
  const made: string[] = [];
  afterEach(() => made.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('the shipped templates render every letter in every locale', async () => {
    const d = deployment();
    made.push(d.dir);
    const report = await checkEverything(d.configFile);
    expect(report.ok, report.lines.join('\n')).to.equal(true);
    expect(report.lines.join('\n')).to.match(new RegExp(`ok {4}letters rendered: ${TEMPLATE_NAMES.length} letters in 2 locales`));
  });

  it('an unclosed block names the template file and the line Handlebars stopped at', async () => {
    const d = deployment();
    made.push(d.dir);
    writeFileSync(path.join(d.templates, 'en/client-answer.text.hbs'), 'Dear client,\n{{#if staffName}}\n{{text}}\n');
    const report = await checkEverything(d.configFile);
    expect(report.ok).to.equal(false);
    expect(report.lines.join('\n')).to.include(`${path.join(d.templates, 'en/client-answer.text.hbs')}:4: Parse error on line 4:`);
  });

  it('a helper that does not exist is found by rendering, at its line', async () => {
    const d = deployment();
    made.push(d.dir);
    writeFileSync(path.join(d.templates, 'ru/staff-alert.text.hbs'), 'Тревога\n\n{{shout alert.rule}}\n');
    const report = await checkEverything(d.configFile);
    expect(report.ok).to.equal(false);
    const fail = report.lines.find((l) => l.startsWith('FAIL  letters rendered'));
    expect(fail).to.include(`${path.join(d.templates, 'ru/staff-alert.text.hbs')}:3: Missing helper: "shout"`);
  });

  it('a member of a department that does not exist is reported at the line of the local file', async () => {
    const d = deployment({ staff: { ...TEST_DEPLOYMENT.staff, members: [{ address: 'a@example.test', name: 'A', role: 'agent', department: 'nowhere', locale: 'en' }] } });
    made.push(d.dir);
    const report = await checkEverything(d.configFile);
    expect(report.ok).to.equal(false);
    expect(report.lines.find((l) => l.startsWith('FAIL  staff directory'))).to.match(new RegExp(`${d.configFile}:\\d+: staff\\.members\\[0\\]\\.department: unknown department "nowhere"`));
  });
});
