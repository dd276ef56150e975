import { expect } from 'chai';
import { buildDirectory, checkDirectory, staffMemberSchema } from '../../../src/staff/directory';
import { admin, agent, agent2, boss, categories, directory, logisticsLead, member } from './members';

describe('staff directory', () => {
  it('finds a member by address whatever its case and angle brackets', () => {
    expect(directory.byAddress('<Staff1@EXAMPLE.test>')).to.equal(agent);
    expect(directory.byAddress('client@example.test')).to.equal(null);
    expect(directory.byAddress('not an address')).to.equal(null);
  });

  it('lists a department\'s members in directory order', () => {
    expect(directory.inDepartment('refunds')).to.deep.equal([agent, agent2, boss]);
    expect(directory.inDepartment('care')).to.deep.equal([]);
  });

  it('the supervisor named by the department wins; otherwise its first member with role supervisor', () => {
    expect(directory.supervisorOf('refunds')).to.equal(boss);
    expect(directory.supervisorOf('logistics')).to.equal(logisticsLead);
    expect(directory.supervisorOf('care')).to.equal(null);
  });

  it('a named supervisor who is only an agent supervises nothing', () => {
    const d = buildDirectory([member('boss@example.test', 'agent', 'refunds')], categories.departments);
    expect(d.supervisorOf('refunds')).to.equal(null);
  });

  it('admins approve anywhere, supervisors in their own department, agents never', () => {
    expect(directory.canApprove(admin, 'logistics')).to.equal(true);
    expect(directory.canApprove(boss, 'refunds')).to.equal(true);
    expect(directory.canApprove(boss, 'logistics')).to.equal(false);
    expect(directory.canApprove(boss, null)).to.equal(true);
    expect(directory.canApprove(agent, 'refunds')).to.equal(false);
    expect(directory.canApprove(agent, null)).to.equal(false);
  });

  it('a member entry in config is normalised and gets a null department and Russian letters by default', () => {
    expect(staffMemberSchema.parse({ address: ' Anna@Example.TEST ', name: 'Анна', role: 'agent' })).to.deep.equal({
      address: 'anna@example.test', name: 'Анна', role: 'agent', department: null, locale: 'ru',
    });
  });

  it('a member entry with an unknown role, a bad address or an unknown key is rejected', () => {
    expect(staffMemberSchema.safeParse({ address: 'a@b.test', name: 'A', role: 'boss' }).success).to.equal(false);
    expect(staffMemberSchema.safeParse({ address: 'nobody', name: 'A', role: 'agent' }).success).to.equal(false);
    expect(staffMemberSchema.safeParse({ address: 'a@b.test', name: 'A', role: 'agent', phone: '1' }).success).to.equal(false);
  });

  it('the cross-check finds no problem in a consistent directory', () => {
    expect(checkDirectory(directory, categories)).to.deep.equal([]);
  });

  it('the cross-check reports an unknown department, a duplicate address and a supervisor who is no member', () => {
    const d = buildDirectory([member('a@example.test', 'agent', 'accounts'), member('a@example.test', 'agent', 'care')], categories.departments);
    expect(checkDirectory(d, categories)).to.deep.equal([
      { key: 'staff.members[0].department', message: 'unknown department "accounts"; known: refunds, logistics, care' },
      { key: 'staff.members[1].address', message: 'duplicate address a@example.test (also staff.members[0])' },
      { key: 'departments[refunds].supervisor', message: 'boss@example.test is not in staff.members' },
    ]);
  });

  it('the cross-check reports a named supervisor whose role cannot approve', () => {
    const d = buildDirectory([member('boss@example.test', 'agent', 'refunds')], categories.departments);
    expect(checkDirectory(d, categories)).to.deep.equal([
      { key: 'departments[refunds].supervisor', message: 'boss@example.test has role agent; a supervisor needs role supervisor or admin' },
    ]);
  });
});
