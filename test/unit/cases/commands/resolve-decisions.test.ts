import { expect } from 'chai';
import { admin, agent, agent2, boss, logisticsLead } from '../../staff/members';
import { actionsOf, by, errorsOf, resolve } from './resolve-support';

describe('resolving staff commands: decisions and approval', () => {
  it('a rejection by an agent waits for approval; the text is its reasoning', () => {
    const r = resolve('#решение отказать\nТовар повреждён по вине покупателя.');
    expect(r).to.deep.equal({
      ok: true,
      actions: [{ type: 'decide', outcome: 'rejected', reasoning: 'Товар повреждён по вине покупателя.', needsApproval: true }],
      message: 'Товар повреждён по вине покупателя.',
      status: 'awaiting_approval',
    });
  });

  it('an outcome not listed for approval is decided at once', () => {
    const r = resolve('#decision accepted\nWe refund the full price.');
    expect(r).to.deep.include({ ok: true, status: 'decided' });
    expect(r.ok && r.actions[0]).to.deep.include({ outcome: 'accepted', needsApproval: false });
  });

  it('the configuration decides which outcomes wait for approval', () => {
    const r = resolve('#decision partial\nHalf the price.', { requireApproval: ['rejected', 'partial'] });
    expect(r).to.deep.include({ ok: true, status: 'awaiting_approval' });
  });

  it('a rejection by the department\'s supervisor needs no second approval', () => {
    expect(resolve('#decision rejected\nNo grounds.', by(boss))).to.deep.include({ ok: true, status: 'decided' });
  });

  it('a decision without reasoning, or with an unknown outcome, is an error', () => {
    expect(errorsOf('#decision rejected')[0]?.en).to.equal('A decision needs its reasoning as the text below the commands.');
    expect(errorsOf('#решение может быть\nтекст')[0]?.ru).to.equal('«может» — не одно из: удовлетворить | частично | отказать.');
  });

  it('the rest of the #decision line starts the reasoning', () => {
    expect(actionsOf('#decision accepted the courier lost it\nDetails.')).to.deep.equal([
      { type: 'decide', outcome: 'accepted', reasoning: 'the courier lost it\n\nDetails.', needsApproval: false },
    ]);
  });

  it('the department\'s supervisor approves a decision waiting for approval', () => {
    expect(resolve('#согласовать', by(boss, 'awaiting_approval'))).to.deep.include({ ok: true, status: 'decided' });
    expect(resolve('#approve', by(admin, 'awaiting_approval', 'logistics'))).to.deep.include({ ok: true, status: 'decided' });
  });

  it('an agent, or another department\'s supervisor, who tries to approve gets an error line', () => {
    const expected = [{ line: 1, en: 'Only the department\'s supervisor or an admin can approve a decision.', ru: 'Согласовать или вернуть решение может только руководитель отдела или администратор.' }];
    expect(errorsOf('#approve', by(agent2, 'awaiting_approval'))).to.deep.equal(expected);
    expect(errorsOf('#approve', by(logisticsLead, 'awaiting_approval'))).to.deep.equal(expected);
  });

  it('#return needs a reason, from its line or from the text, and sends the case back to work', () => {
    expect(resolve('#вернуть нет ссылки на договор', by(boss, 'awaiting_approval'))).to.deep.include({ ok: true, status: 'in_progress' });
    expect(actionsOf('#return\nCite the contract clause.', by(boss, 'awaiting_approval'))).to.deep.equal([{ type: 'return', reason: 'Cite the contract clause.' }]);
    expect(errorsOf('#return', by(boss, 'awaiting_approval'))[0]?.en).to.equal('#return needs the reason: on the line, or as the text below.');
    expect(errorsOf('#return why', by(agent, 'awaiting_approval'))[0]?.en).to.equal('Only the department\'s supervisor or an admin can return a decision.');
  });

  it('#return taking the text as its reason leaves none for a #note', () => {
    expect(errorsOf('#return\n#note\ntext', by(boss, 'awaiting_approval'))[0]).to.deep.include({ line: 2 });
    expect(errorsOf('#note\n#return\ntext', by(boss, 'awaiting_approval'))[0]?.en).to.contain('Give the reason on the command\'s line.');
  });

  it('approval is judged in the department the letter moves the case to', () => {
    const toRefunds = { kase: { number: 'CMP-2026-000007', status: 'in_progress' as const, department: 'logistics' }, sender: boss };
    expect(resolve('#department refunds\n#decision rejected\nNo.', toRefunds)).to.deep.include({ ok: true, status: 'decided' });
    expect(resolve('#decision rejected\n#department refunds\nNo.', toRefunds)).to.deep.include({ ok: true, status: 'awaiting_approval' });
  });
});

describe('resolving staff commands: the case\'s status steps', () => {
  it('closing a decision that waits for approval is refused on the #close line', () => {
    expect(errorsOf('#decision rejected\n#close\nNo grounds.')).to.deep.equal([{
      line: 2,
      en: 'Cannot close the case: the case has a decision awaiting approval (a supervisor approves or returns the decision first).',
      ru: 'Нельзя закрыть претензию: претензия на согласовании (сначала руководитель согласует или вернёт решение).',
    }]);
  });

  it('steps follow each other within one letter: reopen, then take', () => {
    const r = resolve('#reopen\n#status in_progress', by(agent, 'closed'));
    expect(r).to.deep.include({ ok: true, status: 'in_progress' });
  });

  it('an impossible step is an error, not a silent change', () => {
    expect(errorsOf('#открыть')[0]?.ru).to.equal('Нельзя открыть претензию заново: претензия уже в работе.');
    expect(errorsOf('#status in_progress')[0]?.en).to.equal('Cannot take the case into work: the case is already in progress.');
  });

  it('a supervisor may decide and close in one letter; the approval is their own', () => {
    expect(resolve('#decision rejected\n#close\nNo grounds.', by(boss))).to.deep.include({ ok: true, status: 'closed' });
  });

  it('#merge ends the case', () => {
    expect(resolve('#merge CMP-2026-000123')).to.deep.include({ ok: true, status: 'merged' });
  });

  it('#close and #reopen take nothing after them', () => {
    expect(errorsOf('#close duplicate')[0]?.en).to.equal('#close takes nothing after it; write a comment below the commands.');
  });
});

describe('resolving staff commands: all or nothing', () => {
  it('one wrong line makes the whole letter an error listing every wrong line in order, and nothing is applied', () => {
    const r = resolve('#priority high\n#category weather\n#frobnicate\n#assign nobody@example.test\n\nтекст');
    expect(r.ok).to.equal(false);
    expect(!r.ok && r.errors.map((e) => [e.line, e.raw])).to.deep.equal([
      [2, '#category weather'],
      [3, '#frobnicate'],
      [4, '#assign nobody@example.test'],
    ]);
  });

  it('a letter whose only line is an unknown command is an error, not an answer to the client', () => {
    expect(errorsOf('#hello team').map((e) => e.line)).to.deep.equal([1]);
  });
});
