import { expect } from 'chai';
import { chooseAssignee } from '../../../src/staff/routing';
import type { RoutingInput } from '../../../src/staff/routing';

const department = { id: 'refunds', queue: ['refunds@example.test', 'refunds-lead@example.test'] };
const candidates = [{ address: 'a@example.test' }, { address: 'b@example.test' }, { address: 'c@example.test' }];

function route(parts: Partial<RoutingInput>): ReturnType<typeof chooseAssignee> {
  return chooseAssignee({ policy: 'queue', department, candidates, openCases: new Map(), lastAssigned: null, ...parts });
}

describe('routing a new case', () => {
  it('the queue policy assigns nobody and tells the department\'s queue', () => {
    expect(route({ policy: 'queue' })).to.deep.equal({
      assignee: null,
      notify: ['refunds@example.test', 'refunds-lead@example.test'],
      reason: 'routing policy queue: announced to the queue of department refunds (refunds@example.test, refunds-lead@example.test)',
    });
  });

  it('round-robin gives the case to the agent after the last one, wrapping around', () => {
    expect(route({ policy: 'round-robin', lastAssigned: 'a@example.test' })).to.deep.include({ assignee: 'b@example.test', notify: ['b@example.test'] });
    expect(route({ policy: 'round-robin', lastAssigned: 'c@example.test' }).assignee).to.equal('a@example.test');
  });

  it('round-robin starts with the first agent when nobody was assigned yet or the last one has left', () => {
    expect(route({ policy: 'round-robin' })).to.deep.include({ assignee: 'a@example.test', reason: 'routing policy round-robin: assigned to a@example.test of department refunds, first in turn' });
    expect(route({ policy: 'round-robin', lastAssigned: 'gone@example.test' }).assignee).to.equal('a@example.test');
  });

  it('least-open gives the case to the agent with the fewest open cases', () => {
    const openCases = new Map([['a@example.test', 4], ['b@example.test', 1], ['c@example.test', 2]]);
    expect(route({ policy: 'least-open', openCases })).to.deep.equal({
      assignee: 'b@example.test', notify: ['b@example.test'], reason: 'routing policy least-open: assigned to b@example.test of department refunds, fewest open cases (1)',
    });
  });

  it('least-open breaks a tie by directory order, and an agent missing from the counts has none', () => {
    expect(route({ policy: 'least-open', openCases: new Map([['a@example.test', 1]]) }).assignee).to.equal('b@example.test');
    expect(route({ policy: 'least-open', openCases: new Map([['a@example.test', 2], ['b@example.test', 2], ['c@example.test', 2]]) }).assignee).to.equal('a@example.test');
  });

  it('a department without agents falls back to its queue, and the reason says so', () => {
    expect(route({ policy: 'least-open', candidates: [] })).to.deep.equal({
      assignee: null,
      notify: ['refunds@example.test', 'refunds-lead@example.test'],
      reason: 'routing policy least-open, but department refunds has no agents: announced to the queue of department refunds (refunds@example.test, refunds-lead@example.test)',
    });
  });
});
