import { expect } from 'chai';
import path from 'node:path';
import { loadCategories, parseCategories } from '../../../src/rules/categories';
import { FIXTURES, problemLines } from './rule-sets';

const CONFIG = path.join(__dirname, '../../../config/categories.yaml');

describe('categories', () => {
  it('the default categories.yaml has the nine causes, each with both names and a known department', async () => {
    const set = await loadCategories(CONFIG);
    expect([...set.categories.keys()]).to.deep.equal([
      'product-quality',
      'delivery',
      'refund',
      'billing',
      'service-conduct',
      'technical-failure',
      'personal-data',
      'contract-terms',
      'other',
    ]);
    for (const category of set.categories.values()) {
      expect(category.names.ru, category.id).to.match(/[А-Яа-я]/);
      expect(category.names.en, category.id).to.match(/^[A-Z]/);
      expect(set.departments.get(category.department)?.email, category.id).to.match(/@example\.test$/);
    }
  });

  it('the default personal-data deadline is 10 working days and the others are calendar days', async () => {
    const set = await loadCategories(CONFIG);
    const personalData = set.categories.get('personal-data');
    expect({ days: personalData?.deadlineDays, unit: personalData?.deadlineUnit }).to.deep.equal({ days: 10, unit: 'working' });
    const others = [...set.categories.values()].filter((c) => c.id !== 'personal-data');
    expect(new Set(others.map((c) => c.deadlineUnit))).to.deep.equal(new Set(['calendar']));
  });

  it('a category may count its deadline in working days, and without deadline_days uses the configured default', () => {
    const text = [
      'departments: [{ id: care, name: Care, email: care@example.test }]',
      'categories:',
      '  - { id: other, name: { ru: Прочее, en: Other }, department: care, priority: low }',
      '  - { id: data, name: { ru: Данные, en: Data }, department: care, priority: low, deadline_days: 10, deadline_unit: working }',
    ].join('\n');
    const set = parseCategories('c.yaml', text);
    expect(set.categories.get('other')).to.include({ deadlineDays: null, deadlineUnit: 'calendar' });
    expect(set.categories.get('data')).to.include({ deadlineDays: 10, deadlineUnit: 'working' });
  });

  it('rejects a deadline unit other than calendar or working, at its line', async () => {
    const text = [
      'departments: [{ id: care, name: Care, email: care@example.test }]',
      'categories:',
      '  - { id: other, name: { ru: Прочее, en: Other }, department: care, priority: low }',
      '  - id: data',
      '    name: { ru: Данные, en: Data }',
      '    department: care',
      '    priority: low',
      '    deadline_unit: business',
    ].join('\n');
    expect(await problemLines(() => parseCategories('c.yaml', text))).to.deep.equal([
      'c.yaml:8: categories[1].deadline_unit: Invalid option: expected one of "calendar"|"working"',
    ]);
  });

  it('reports every problem of a bad categories file with its line', async () => {
    const file = path.join(FIXTURES, 'bad-categories', 'categories.yaml');
    expect(await problemLines(() => loadCategories(file))).to.deep.equal([
      `${file}:5: categories: a category "other" is required: it is the fallback when nothing matches`,
      `${file}:8: categories[0].department: unknown department "accounts"`,
      `${file}:14: categories[1].priority: Invalid option: expected one of "low"|"normal"|"high"|"urgent"`,
    ]);
  });

  it('rejects an unknown key in a department', async () => {
    const text = [
      'departments:',
      '  - { id: care, name: Care, email: care@example.test, phone: "1" }',
      'categories:',
      '  - { id: other, name: { ru: Прочее, en: Other }, department: care, priority: low, deadline_days: 30 }',
    ].join('\n');
    expect(await problemLines(() => parseCategories('c.yaml', text))).to.deep.equal(['c.yaml:2: departments[0].phone: unknown key "phone"']);
  });

  it('a department without queue or supervisor announces to its own email and names no supervisor', async () => {
    const set = await loadCategories(CONFIG);
    expect(set.departments.get('refunds')).to.deep.include({ email: 'refunds@example.test', queue: ['refunds@example.test'], supervisor: null });
  });

  it('a department may list its queue addresses and its supervisor, whose address is compared lower-cased', async () => {
    const text = [
      'departments:',
      '  - { id: care, name: Care, email: care@example.test, queue: [a@example.test, b@example.test], supervisor: Boss@Example.test }',
      'categories:',
      '  - { id: other, name: { ru: Прочее, en: Other }, department: care, priority: low, deadline_days: 30 }',
    ].join('\n');
    expect(parseCategories('c.yaml', text).departments.get('care')).to.deep.include({ queue: ['a@example.test', 'b@example.test'], supervisor: 'boss@example.test' });
  });

  it('an empty queue or a supervisor that is not an address is reported at its line', async () => {
    const text = [
      'departments:',
      '  - id: care',
      '    name: Care',
      '    email: care@example.test',
      '    queue: []',
      '    supervisor: the boss',
      'categories:',
      '  - { id: other, name: { ru: Прочее, en: Other }, department: care, priority: low, deadline_days: 30 }',
    ].join('\n');
    const lines = await problemLines(() => parseCategories('c.yaml', text));
    expect(lines).to.have.length(2);
    expect(lines[0]).to.match(/^c\.yaml:5: departments\[0\]\.queue: /);
    expect(lines[1]).to.match(/^c\.yaml:6: departments\[0\]\.supervisor: /);
  });
});
