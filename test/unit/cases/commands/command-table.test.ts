import { expect } from 'chai';
import { COMMANDS, COMMAND_IDS, OUTCOME_WORDS, PRIORITY_WORDS, STATUS_WORDS, findCommand, matchWord, renderCommandHelp } from '../../../../src/cases/commands/command-table';
import { CASE_PRIORITIES } from '../../../../src/rules/case-priority';

describe('staff command table', () => {
  it('has exactly one entry per command id', () => {
    expect(COMMANDS.map((c) => c.id)).to.deep.equal([...COMMAND_IDS]);
  });

  it('no name or synonym belongs to two commands', () => {
    const names = COMMANDS.flatMap((c) => [c.names.en, c.names.ru, ...c.synonyms].map((n) => n.toLowerCase().replace(/ё/g, 'е')));
    expect(new Set(names).size).to.equal(names.length);
  });

  it('finds a command by its English or Russian name, whatever the case, with ё written as е', () => {
    expect(findCommand('STATUS')?.id).to.equal('status');
    expect(findCommand('Статус')?.id).to.equal('status');
    expect(findCommand('причина')?.id).to.equal('category');
    expect(findCommand('cause')?.id).to.equal('category');
    expect(findCommand('объединить')?.id).to.equal('merge');
    expect(findCommand('frobnicate')).to.equal(null);
  });

  it('argument words match with _, - or a space between words and ё or е', () => {
    for (const written of ['в_работе', 'в работе', 'В-Работе', 'in_progress', 'in progress']) expect(matchWord(STATUS_WORDS, written), written).to.equal('in_progress');
    for (const written of ['ждём_клиента', 'ждем клиента', 'ЖДЁМ-КЛИЕНТА', 'awaiting_info']) expect(matchWord(STATUS_WORDS, written), written).to.equal('awaiting_info');
    expect(matchWord(STATUS_WORDS, 'closed')).to.equal(null);
  });

  it('every priority of the rules has words in both languages', () => {
    expect(Object.keys(PRIORITY_WORDS)).to.deep.equal([...CASE_PRIORITIES]);
    expect(['низкий', 'обычный', 'высокий', 'срочный'].map((w) => matchWord(PRIORITY_WORDS, w))).to.deep.equal(['low', 'normal', 'high', 'urgent']);
  });

  it('decision outcomes are understood in Russian as the issue writes them', () => {
    expect(['удовлетворить', 'частично', 'отказать'].map((w) => matchWord(OUTCOME_WORDS, w))).to.deep.equal(['accepted', 'partial', 'rejected']);
  });

  it('help lists every command in the reader\'s language with the other language\'s name beside it', () => {
    const ru = renderCommandHelp('ru').split('\n');
    expect(ru).to.have.length(COMMANDS.length);
    expect(ru[0]).to.equal('#статус в_работе | ждём_клиента  (#status) — изменить статус претензии');
    const en = renderCommandHelp('en');
    expect(en).to.contain('#close  (#закрыть) — close the case');
    expect(en).to.contain('#decision accepted | partial | rejected  (#решение) — ');
  });
});
