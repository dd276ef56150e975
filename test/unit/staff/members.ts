// A small staff directory for the staff and commands tests, over the rules tests' departments
// (refunds, logistics, care), with refunds@ given a named supervisor.
import { parseCategories } from '../../../src/rules/categories';
import { buildDirectory, type StaffMember } from '../../../src/staff/directory';

export const categories = parseCategories('test-categories.yaml', [
  'departments:',
  '  - { id: refunds, name: Отдел возвратов, email: refunds@example.test, supervisor: boss@example.test }',
  '  - { id: logistics, name: Служба доставки, email: delivery@example.test, queue: [delivery@example.test, couriers@example.test] }',
  '  - { id: care, name: Customer care, email: care@example.test }',
  'categories:',
  '  - { id: refund, name: { ru: Возврат денег, en: Refund }, department: refunds, priority: high, deadline_days: 10 }',
  '  - { id: delivery, name: { ru: Доставка, en: Delivery }, department: logistics, priority: normal, deadline_days: 7 }',
  '  - { id: product-quality, name: { ru: Качество товара, en: Product quality }, department: care, priority: normal, deadline_days: 10 }',
  '  - { id: other, name: { ru: Прочее, en: Other }, department: care, priority: low, deadline_days: 30 }',
].join('\n'));

export function member(address: string, role: StaffMember['role'], department: string | null, locale: StaffMember['locale'] = 'ru'): StaffMember {
  return { address, name: address.split('@')[0] as string, role, department, locale };
}

export const agent = member('staff1@example.test', 'agent', 'refunds');
export const agent2 = member('staff2@example.test', 'agent', 'refunds', 'en');
export const boss = member('boss@example.test', 'supervisor', 'refunds');
export const logisticsLead = member('lead@example.test', 'supervisor', 'logistics');
export const admin = member('admin@example.test', 'admin', null, 'en');

export const directory = buildDirectory([agent, agent2, boss, logisticsLead, admin], categories.departments);
