import { expect } from 'chai';
import { parseStaffReply } from '../../../../src/cases/commands/parse-commands';

describe('parsing a staff reply', () => {
  it('the lines starting with # at the top are commands, the rest is the message', () => {
    const parsed = parseStaffReply('#status in_progress\n#priority high\n\nЗдравствуйте!\nМы разбираемся.\n');
    expect(parsed).to.deep.equal({
      commands: [
        { line: 1, raw: '#status in_progress', id: 'status', arg: 'in_progress' },
        { line: 2, raw: '#priority high', id: 'priority', arg: 'high' },
      ],
      errors: [],
      message: 'Здравствуйте!\nМы разбираемся.',
    });
  });

  it('leading blank lines and blank lines between commands are skipped; line numbers count them', () => {
    const parsed = parseStaffReply('\n\n  #Статус  в работе  \n\n#ЗАМЕТКА\nпозвонил клиенту');
    expect(parsed.commands).to.deep.equal([
      { line: 3, raw: '#Статус  в работе', id: 'status', arg: 'в работе' },
      { line: 5, raw: '#ЗАМЕТКА', id: 'note', arg: '' },
    ]);
    expect(parsed.message).to.equal('позвонил клиенту');
  });

  it('a reply without commands is all message', () => {
    expect(parseStaffReply('  Добрый день.\n\nВаш вопрос решён.  ')).to.deep.equal({ commands: [], errors: [], message: 'Добрый день.\n\nВаш вопрос решён.' });
  });

  it('a # line after the message has started is message text, not a command', () => {
    const parsed = parseStaffReply('#note\nВнутреннее.\n#close\n');
    expect(parsed.commands.map((c) => c.id)).to.deep.equal(['note']);
    expect(parsed.message).to.equal('Внутреннее.\n#close');
  });

  it('a hashtag-like start such as "#1 problem" or a "# heading" begins the message', () => {
    expect(parseStaffReply('#1 problem is the delivery').commands).to.deep.equal([]);
    expect(parseStaffReply('#1 problem is the delivery').message).to.equal('#1 problem is the delivery');
    expect(parseStaffReply('# Итоги\nтекст').commands).to.deep.equal([]);
  });

  it('a colon after the name is accepted', () => {
    expect(parseStaffReply('#status: awaiting_info').commands[0]).to.deep.include({ id: 'status', arg: 'awaiting_info' });
  });

  it('an unknown command name is an error on its line, and the other commands are still read', () => {
    const parsed = parseStaffReply('#close\n#frobnicate now\nтекст');
    expect(parsed.commands.map((c) => c.id)).to.deep.equal(['close']);
    expect(parsed.errors).to.deep.equal([{ line: 2, raw: '#frobnicate now', message: { en: 'Unknown command #frobnicate.', ru: 'Неизвестная команда #frobnicate.' } }]);
  });

  it('the same command twice is an error on the second line, even in the other language', () => {
    const parsed = parseStaffReply('#status in_progress\n#статус ждём_клиента');
    expect(parsed.commands).to.have.length(1);
    expect(parsed.errors).to.have.length(1);
    expect(parsed.errors[0]).to.deep.include({ line: 2, raw: '#статус ждём_клиента' });
    expect(parsed.errors[0]?.message.en).to.equal('#статус appears twice (also on line 1): give each command once.');
  });

  it('Windows line ends are read like Unix ones', () => {
    const parsed = parseStaffReply('#note\r\nпервая строка\r\nвторая');
    expect(parsed.commands[0]).to.deep.include({ id: 'note', arg: '' });
    expect(parsed.message).to.equal('первая строка\nвторая');
  });
});
