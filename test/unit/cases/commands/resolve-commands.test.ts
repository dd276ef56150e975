import { expect } from 'chai';
import { agent, boss, categories } from '../../staff/members';
import { DAY, NOW, actionsOf, by, errorsOf, resolve } from './resolve-support';

describe('resolving staff commands: text and answers', () => {
  it('a reply without commands is the organisation\'s answer to the client', () => {
    expect(resolve('Здравствуйте! Деньги вернём.')).to.deep.equal({
      ok: true, actions: [{ type: 'reply', text: 'Здравствуйте! Деньги вернём.' }], message: 'Здравствуйте! Деньги вернём.', status: 'in_progress',
    });
  });

  it('an empty reply with no commands and no text is an error for the letter as a whole', () => {
    expect(errorsOf('\n  \n')).to.deep.equal([{ line: 0, en: 'The reply has neither commands nor text: nothing to do.', ru: 'В ответе нет ни команд, ни текста: делать нечего.' }]);
  });

  it('#note makes the text internal: nothing is sent to the client', () => {
    expect(actionsOf('#заметка\nКлиент звонил, ждёт денег до пятницы.')).to.deep.equal([{ type: 'note', text: 'Клиент звонил, ждёт денег до пятницы.' }]);
  });

  it('the rest of a #note line starts the note', () => {
    expect(actionsOf('#note called the client\ndetails below')).to.deep.equal([{ type: 'note', text: 'called the client\n\ndetails below' }]);
  });

  it('text beside other commands stays internal unless #reply sends it', () => {
    expect(actionsOf('#assign staff2@example.test\nАня, посмотри, пожалуйста.')).to.deep.equal([
      { type: 'assign', address: 'staff2@example.test' },
      { type: 'note', text: 'Аня, посмотри, пожалуйста.' },
    ]);
    expect(actionsOf('#status awaiting_info\n#reply\nМы ждём ваши документы.')).to.deep.equal([
      { type: 'setStatus', status: 'awaiting_info' },
      { type: 'reply', text: 'Мы ждём ваши документы.' },
    ]);
  });

  it('#ask sends the text as a request and the case waits for the client', () => {
    const r = resolve('#запрос\nПришлите, пожалуйста, фото чека.');
    expect(r).to.deep.include({ ok: true, status: 'awaiting_info' });
    expect(r.ok && r.actions).to.deep.equal([{ type: 'ask', text: 'Пришлите, пожалуйста, фото чека.' }]);
  });

  it('#ask, #reply and #note without any text are errors on their line', () => {
    expect(errorsOf('#ask')).to.deep.equal([{ line: 1, en: '#ask needs a text below the commands.', ru: 'Для #запрос нужен текст под командами.' }]);
    expect(errorsOf('#priority high\n#reply').map((e) => e.line)).to.deep.equal([2]);
  });

  it('the text can serve only one purpose: a second command that wants it is an error', () => {
    expect(errorsOf('#note\n#ask\nтекст')).to.deep.equal([{
      line: 2,
      en: 'The text below the commands already belongs to #note (line 1); it can serve one purpose only.',
      ru: 'Текст под командами уже относится к #заметка (строка 1); у него может быть только одно назначение.',
    }]);
  });
});

describe('resolving staff commands: case fields', () => {
  it('#status takes English or Russian words in any spelling of the separator', () => {
    expect(actionsOf('#статус в работе', by(agent, 'new'))).to.deep.equal([{ type: 'setStatus', status: 'in_progress' }]);
    expect(actionsOf('#STATUS Ждем_Клиента')).to.deep.equal([{ type: 'setStatus', status: 'awaiting_info' }]);
    expect(errorsOf('#status done')[0]?.en).to.equal('"done" is not one of: in_progress | awaiting_info.');
  });

  it('#assign me and #назначить мне assign the sender', () => {
    expect(actionsOf('#assign me')).to.deep.equal([{ type: 'assign', address: agent.address }]);
    expect(actionsOf('#назначить мне', by(boss))).to.deep.equal([{ type: 'assign', address: boss.address }]);
  });

  it('#assign accepts a directory address in any case or as a mail program pastes it', () => {
    expect(actionsOf('#assign Staff2@Example.TEST')).to.deep.equal([{ type: 'assign', address: 'staff2@example.test' }]);
    expect(actionsOf('#assign Анна <staff2@example.test>')).to.deep.equal([{ type: 'assign', address: 'staff2@example.test' }]);
  });

  it('#assign to an address outside the staff directory is an error', () => {
    expect(errorsOf('#assign client@example.test')).to.deep.equal([{ line: 1, en: 'client@example.test is not in the staff directory.', ru: 'client@example.test нет в справочнике сотрудников.' }]);
  });

  it('#category takes an id or a localised name, case-insensitively, or the unique start of a name', () => {
    for (const written of ['refund', 'Refund', 'возврат денег', 'ВОЗВРАТ', 'product quality', 'Качество товара']) {
      expect(actionsOf(`#причина ${written}`)[0], written).to.have.property('type', 'setCategory');
    }
    expect(actionsOf('#причина возврат')).to.deep.equal([{ type: 'setCategory', id: 'refund' }]);
  });

  it('#category that names nothing, or the start of several names, is an error listing the choices', () => {
    expect(errorsOf('#category weather')[0]?.en).to.equal('Unknown category "weather"; known: refund (Refund), delivery (Delivery), product-quality (Product quality), other (Other).');
    const more = [...categories.categories.values(), { id: 'refund-delay', names: { ru: 'Возврат задержан', en: 'Refund delay' } }];
    expect(errorsOf('#причина возврат', { categories: more })[0]?.ru).to.equal('«возврат» подходит к нескольким: refund (Возврат денег), refund-delay (Возврат задержан); уточните название.');
  });

  it('#priority takes the rules\' priorities in English or Russian', () => {
    expect(actionsOf('#приоритет срочный')).to.deep.equal([{ type: 'setPriority', priority: 'urgent' }]);
    expect(actionsOf('#priority LOW')).to.deep.equal([{ type: 'setPriority', priority: 'low' }]);
    expect(errorsOf('#priority hihg')[0]?.ru).to.equal('«hihg» — не одно из: низкий | обычный | высокий | срочный.');
  });

  it('#department takes an id or the department\'s name', () => {
    expect(actionsOf('#отдел logistics')).to.deep.equal([{ type: 'setDepartment', id: 'logistics' }]);
    expect(actionsOf('#отдел служба доставки')).to.deep.equal([{ type: 'setDepartment', id: 'logistics' }]);
    expect(errorsOf('#department')[0]?.en).to.match(/^Give the department: refunds \(Отдел возвратов\)/);
  });

  it('#merge takes a case number in this organisation\'s format, not the case\'s own', () => {
    expect(actionsOf('#объединить cmp-2026-000123')).to.deep.equal([{ type: 'merge', into: 'CMP-2026-000123' }]);
    expect(errorsOf('#merge 123')[0]?.en).to.equal('"123" is not a case number such as CMP-2026-000001.');
    expect(errorsOf('#merge CMP-2026-000007')[0]?.en).to.equal('A case cannot be merged into itself.');
  });
});

describe('resolving staff commands: deadlines', () => {
  it('the words after the date are the reason', () => {
    expect(actionsOf('#срок 2026-12-20 клиент прислал документы')).to.deep.equal([
      { type: 'setDeadline', at: new Date('2026-12-20T00:00:00Z'), reason: 'клиент прислал документы' },
    ]);
  });

  it('the longest start of the line that is a deadline is the date', () => {
    expect(actionsOf('#deadline +5 рабочих дней ждём экспертизу')).to.deep.equal([
      { type: 'setDeadline', at: new Date(NOW.getTime() + 5 * DAY), reason: 'ждём экспертизу' },
    ]);
  });

  it('without a reason on the line the text below is the reason, and no note is added', () => {
    expect(actionsOf('#deadline +5d\nЖдём ответа склада.')).to.deep.equal([{ type: 'setDeadline', at: new Date(NOW.getTime() + 5 * DAY), reason: 'Ждём ответа склада.' }]);
  });

  it('a deadline without any reason, in the past, or that does not parse is an error', () => {
    expect(errorsOf('#deadline +5d')[0]?.en).to.equal('A new deadline needs a reason: after the date, or as the text below.');
    expect(errorsOf('#deadline 2026-01-01 late')[0]?.en).to.equal('The new deadline is in the past.');
    expect(errorsOf('#срок завтра утром')[0]?.ru).to.equal('«завтра» — не срок');
  });
});
