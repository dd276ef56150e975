import { expect } from 'chai';
import { matchRule, matchRules } from '../../../src/rules/match';
import { message, ruleSetFrom } from './rule-sets';

describe('matchRules', () => {
  const refundRu = { id: 'refund-ru', category: 'refund', any: [{ keywords: ['возврат', 'вернуть деньги'] }] };

  describe('keywords', () => {
    it('matches a Russian keyword in another case form, by stem («возврат» finds «возврата»)', () => {
      const match = matchRules(ruleSetFrom(refundRu), message({ text: 'Жду возврата уже месяц' }));
      expect(match?.rule.id).to.equal('refund-ru');
      expect(match?.matched).to.deep.equal(['возврата (body)']);
    });

    it('matches a multi-word keyword as a phrase («вернуть деньги»)', () => {
      const match = matchRules(ruleSetFrom(refundRu), message({ text: 'Прошу вернуть деньги за заказ' }));
      expect(match?.matched).to.deep.equal(['вернуть деньги (body)']);
    });

    it('matches an English keyword in its inflected forms ("refund" finds "refunded" and "refunds")', () => {
      const ruleSet = ruleSetFrom({ id: 'refund-en', category: 'refund', any: [{ keywords: ['refund'] }] });
      expect(matchRules(ruleSet, message({ text: 'You refunded half' }))?.matched).to.deep.equal(['refunded (body)']);
      expect(matchRules(ruleSet, message({ text: 'Refunds take ages' }))?.matched).to.deep.equal(['refunds (body)']);
    });

    it('matches a capitalised word and one written with ё', () => {
      const ruleSet = ruleSetFrom({ id: 'not-arrived', category: 'delivery', any: [{ keywords: ['не пришел'] }] });
      expect(matchRules(ruleSet, message({ text: 'Заказ НЕ ПРИШЁЛ' }))?.rule.id).to.equal('not-arrived');
    });

    it('does not match a phrase whose words are apart or in another order', () => {
      const ruleSet = ruleSetFrom(refundRu);
      expect(matchRules(ruleSet, message({ text: 'Вернуть мне деньги?' }))).to.equal(null);
      expect(matchRules(ruleSet, message({ text: 'Деньги вернуть!' }))).to.equal(null);
    });

    it('does not match a phrase across the subject and the body', () => {
      const ruleSet = ruleSetFrom(refundRu);
      expect(matchRules(ruleSet, message({ subject: 'Прошу вернуть', text: 'деньги за заказ' }))).to.equal(null);
    });

    it('matches a word ending in * by prefix, reaching forms the stem does not («верн* деньг*» finds «верните деньгами»)', () => {
      const byStem = ruleSetFrom(refundRu);
      const byPrefix = ruleSetFrom({ id: 'refund-ru', category: 'refund', any: [{ keywords: ['верн* деньг*'] }] });
      const text = 'Верните деньгами или товаром';
      expect(matchRules(byStem, message({ text }))).to.equal(null);
      expect(matchRules(byPrefix, message({ text }))?.matched).to.deep.equal(['верните деньгами (body)']);
    });

    it('reports every keyword found, each once, with the part of the message it was found in', () => {
      const ruleSet = ruleSetFrom({ id: 'refund', category: 'refund', any: [{ keywords: ['возврат', 'refund'] }] });
      const match = matchRules(ruleSet, message({ subject: 'Refund', text: 'возврат, возврат и ещё раз возврат' }));
      expect(match?.matched).to.deep.equal(['refund (subject)', 'возврат (body)']);
    });
  });

  describe('fields', () => {
    it('looks only at the subject when the field is subject', () => {
      const ruleSet = ruleSetFrom({ id: 'r', category: 'refund', any: [{ field: 'subject', keywords: ['refund'] }] });
      expect(matchRules(ruleSet, message({ text: 'refund' }))).to.equal(null);
      expect(matchRules(ruleSet, message({ subject: 'Refund' }))?.matched).to.deep.equal(['refund (subject)']);
    });

    it('tries a regular expression case-insensitively and shows the text it matched', () => {
      const ruleSet = ruleSetFrom({ id: 'r', category: 'refund', any: [{ regex: 'заказ\\s*№\\s*\\d+' }] });
      const match = matchRules(ruleSet, message({ text: 'ЗАКАЗ № 5531 не вернули' }));
      expect(match?.matched).to.deep.equal(['ЗАКАЗ № 5531 (body)']);
    });

    it('shows what a regular expression matched on one line, and shortened, as it goes into a one-line reason', () => {
      const ruleSet = ruleSetFrom({ id: 'r', category: 'refund', any: [{ regex: 'order\\s+\\d+.*' }] });
      const match = matchRules(ruleSet, message({ text: `Order\n  42 ${'x'.repeat(100)}` }));
      expect(match?.matched).to.deep.equal([`Order 42 ${'x'.repeat(50)}… (body)`]);
    });

    it('matches a sender domain and its subdomains, but not a domain that merely ends the same way', () => {
      const ruleSet = ruleSetFrom({ id: 'bank', category: 'refund', any: [{ field: 'from_domain', keywords: ['bank.example'] }] });
      expect(matchRules(ruleSet, message({ fromAddress: 'ops@bank.example' }))?.matched).to.deep.equal(['bank.example (from_domain)']);
      expect(matchRules(ruleSet, message({ fromAddress: 'ops@mail.bank.example' }))?.rule.id).to.equal('bank');
      expect(matchRules(ruleSet, message({ fromAddress: 'ops@notbank.example' }))).to.equal(null);
    });

    it('matches a sender address whole, whatever its case', () => {
      const ruleSet = ruleSetFrom({ id: 'vip', category: 'refund', any: [{ field: 'from', keywords: ['Boss@Example.test'] }] });
      expect(matchRules(ruleSet, message({ fromAddress: 'BOSS@example.test' }))?.rule.id).to.equal('vip');
      expect(matchRules(ruleSet, message({ fromAddress: 'boss@example.test.evil' }))).to.equal(null);
    });

    it('matches a header value, whatever the case of the header name in the rule', () => {
      const ruleSet = ruleSetFrom({ id: 'form', category: 'delivery', any: [{ field: 'header:X-Complaint-Form', keywords: ['delivery'] }] });
      const match = matchRules(ruleSet, message({ headers: { 'x-complaint-form': ['web', 'Delivery issue'] } }));
      expect(match?.matched).to.deep.equal(['delivery (header:X-Complaint-Form)']);
      expect(matchRules(ruleSet, message({ text: 'delivery' }))).to.equal(null);
    });

    it('matches attachment names by keyword and by regular expression', () => {
      const ruleSet = ruleSetFrom(
        { id: 'claim-scan', category: 'refund', any: [{ field: 'attachment', keywords: ['претензия'] }] },
        { id: 'waybill', category: 'delivery', any: [{ field: 'attachment', regex: '^waybill-\\d+\\.pdf$' }] },
      );
      expect(matchRules(ruleSet, message({ attachmentNames: ['Претензия_возврат.pdf'] }))?.matched).to.deep.equal(['претензия (attachment)']);
      expect(matchRules(ruleSet, message({ attachmentNames: ['photo.jpg', 'Waybill-123.pdf'] }))?.rule.id).to.equal('waybill');
      expect(matchRules(ruleSet, message({ text: 'претензия', attachmentNames: ['waybill-123.pdf.exe'] }))).to.equal(null);
    });
  });

  describe('any, all and none', () => {
    const appFailure = {
      id: 'app-failure',
      category: 'delivery',
      all: [{ keywords: ['app'] }],
      any: [{ keywords: ['crash'] }, { keywords: ['error'] }],
      none: [{ field: 'subject', keywords: ['test'] }],
    };

    it('needs every "all" condition and one "any" condition, and gives the evidence of each', () => {
      const match = matchRules(ruleSetFrom(appFailure), message({ text: 'The app crashes with an error' }));
      expect(match?.matched).to.deep.equal(['app (body)', 'crashes (body)', 'error (body)']);
      expect(matchRules(ruleSetFrom(appFailure), message({ text: 'The website crashes' }))).to.equal(null);
      expect(matchRules(ruleSetFrom(appFailure), message({ text: 'The app is lovely' }))).to.equal(null);
    });

    it('does not fire when a "none" condition matches', () => {
      const match = matchRules(ruleSetFrom(appFailure), message({ subject: 'Test', text: 'The app crashes' }));
      expect(match).to.equal(null);
    });
  });

  describe('which rule wins', () => {
    const refund = { id: 'refund', category: 'refund', any: [{ keywords: ['money back'] }] };
    const delivery = { id: 'late-delivery', category: 'delivery', any: [{ keywords: ['late'] }] };
    const text = 'It came late, I want my money back';

    it('picks the rule with the higher precedence, wherever it is in the file, and notes the others', () => {
      const match = matchRules(ruleSetFrom(refund, { ...delivery, precedence: 5 }), message({ text }));
      expect(match?.rule.id).to.equal('late-delivery');
      expect(match?.alsoMatched).to.deep.equal(['refund']);
    });

    it('picks the rule loaded first when precedences are equal', () => {
      expect(matchRules(ruleSetFrom(refund, delivery), message({ text }))?.rule.id).to.equal('refund');
      expect(matchRules(ruleSetFrom(delivery, refund), message({ text }))?.rule.id).to.equal('late-delivery');
    });

    it('returns null when no rule matches', () => {
      expect(matchRules(ruleSetFrom(refund, delivery), message({ text: 'Hello' }))).to.equal(null);
    });
  });

  describe('matchRule', () => {
    it('tells whether one rule matches even when a higher rule would win', () => {
      const ruleSet = ruleSetFrom({ id: 'a', category: 'refund', precedence: 1, any: [{ keywords: ['x'] }] }, { id: 'b', category: 'delivery', any: [{ keywords: ['x'] }] });
      const b = ruleSet.rules.find((r) => r.id === 'b');
      if (!b) throw new Error('rule b not loaded');
      expect(matchRule(b, message({ text: 'x' }))).to.deep.equal(['x (body)']);
    });
  });
});
