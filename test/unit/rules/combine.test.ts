import { expect } from 'chai';
import { categorize } from '../../../src/rules/combine';
import type { CategoryPrediction, CategoryPredictor } from '../../../src/rules/predictor';
import { message, ruleSetFrom } from './rule-sets';

/** Always predicts the same thing and counts how often it was asked. */
class FakePredictor implements CategoryPredictor {
  calls: string[] = [];

  constructor(private readonly prediction: Partial<CategoryPrediction>) {}

  predict(text: string): CategoryPrediction {
    this.calls.push(text);
    return { category: 'delivery', confidence: 0.9, topTerms: [{ term: 'courier', weight: 1.2 }], runnerUp: { category: 'refund', confidence: 0.05 }, ...this.prediction };
  }
}

describe('categorize', () => {
  const ruleSet = ruleSetFrom(
    { id: 'refund-en', category: 'refund', any: [{ keywords: ['refund'] }] },
    { id: 'late-urgent', category: 'delivery', priority: 'urgent', department: 'care', deadline_days: 2, any: [{ keywords: ['late'] }] },
  );
  const refundMail = message({ subject: 'Refund', text: 'Where is my refund?' });
  const unmatchedMail = message({ subject: 'Hello', text: 'The courier left it with a neighbour' });

  describe('rules-first (the default)', () => {
    it('lets a matching rule decide without asking the classifier, with the category defaults', () => {
      const predictor = new FakePredictor({});
      const verdict = categorize(refundMail, ruleSet, predictor);
      expect(predictor.calls).to.deep.equal([]);
      expect(verdict).to.deep.equal({
        category: 'refund',
        department: 'refunds',
        priority: 'high',
        deadlineDays: 10,
        source: 'rule',
        confidence: 1,
        needsReview: false,
        evidence: { kind: 'rule', ruleId: 'refund-en', matched: ['refund (subject)', 'refund (body)'] },
        reason: 'rule refund-en matched: refund (subject), refund (body)',
      });
    });

    it("uses the rule's priority, department and deadline overrides", () => {
      const verdict = categorize(message({ text: 'Late again' }), ruleSet, null);
      expect(verdict).to.include({ category: 'delivery', priority: 'urgent', department: 'care', deadlineDays: 2 });
    });

    it('asks the classifier with the subject and body when no rule matches', () => {
      const predictor = new FakePredictor({});
      const verdict = categorize(unmatchedMail, ruleSet, predictor);
      expect(predictor.calls).to.deep.equal(['Hello\n\nThe courier left it with a neighbour']);
      expect(verdict).to.deep.include({
        category: 'delivery',
        department: 'logistics',
        priority: 'normal',
        deadlineDays: 7,
        source: 'classifier',
        confidence: 0.9,
        needsReview: false,
        evidence: { kind: 'classifier', topTerms: [{ term: 'courier', weight: 1.2 }], runnerUp: { category: 'refund', confidence: 0.05 } },
      });
      expect(verdict.reason).to.equal('classifier chose delivery at 90%; top terms: courier; runner-up refund at 5%');
    });

    it('falls back to "other" for review when no rule matches and there is no classifier', () => {
      const verdict = categorize(unmatchedMail, ruleSet, null);
      expect(verdict).to.deep.equal({
        category: 'other',
        department: 'care',
        priority: 'low',
        deadlineDays: 30,
        source: 'default',
        confidence: 0,
        needsReview: true,
        evidence: { kind: 'default', reason: 'no rule matched and no classifier is available; defaulted to other, needs review' },
        reason: 'no rule matched and no classifier is available; defaulted to other, needs review',
      });
    });
  });

  describe('minConfidence', () => {
    it('marks a classifier verdict below the threshold for review and says so', () => {
      const verdict = categorize(unmatchedMail, ruleSet, new FakePredictor({ confidence: 0.49 }));
      expect(verdict).to.include({ category: 'delivery', source: 'classifier', needsReview: true });
      expect(verdict.reason).to.contain('below the 50% threshold, needs review');
    });

    it('trusts a verdict exactly at the threshold, which can be configured', () => {
      expect(categorize(unmatchedMail, ruleSet, new FakePredictor({ confidence: 0.5 })).needsReview).to.equal(false);
      expect(categorize(unmatchedMail, ruleSet, new FakePredictor({ confidence: 0.5 }), { minConfidence: 0.8 }).needsReview).to.equal(true);
    });

    it('treats a confidence that is not a number as zero', () => {
      expect(categorize(unmatchedMail, ruleSet, new FakePredictor({ confidence: Number.NaN }))).to.include({ confidence: 0, needsReview: true });
    });
  });

  describe('classifier-first', () => {
    it('lets a confident classifier decide over a matching rule', () => {
      const verdict = categorize(refundMail, ruleSet, new FakePredictor({ confidence: 0.7 }), { mode: 'classifier-first' });
      expect(verdict).to.include({ category: 'delivery', source: 'classifier', needsReview: false });
    });

    it('lets a matching rule decide when the classifier is unsure', () => {
      const verdict = categorize(refundMail, ruleSet, new FakePredictor({ confidence: 0.3 }), { mode: 'classifier-first' });
      expect(verdict).to.include({ category: 'refund', source: 'rule', needsReview: false });
    });

    it("keeps the unsure classifier's guess, for review, when no rule matches either", () => {
      const verdict = categorize(unmatchedMail, ruleSet, new FakePredictor({ confidence: 0.3 }), { mode: 'classifier-first' });
      expect(verdict).to.include({ category: 'delivery', source: 'classifier', needsReview: true });
    });
  });

  describe('rules-only and classifier-only', () => {
    it('rules-only never asks the classifier', () => {
      const predictor = new FakePredictor({});
      const verdict = categorize(unmatchedMail, ruleSet, predictor, { mode: 'rules-only' });
      expect(predictor.calls).to.deep.equal([]);
      expect(verdict).to.include({ category: 'other', source: 'default', needsReview: true });
      expect(verdict.reason).to.equal('no rule matched (rules-only mode); defaulted to other, needs review');
    });

    it('classifier-only ignores a matching rule', () => {
      const verdict = categorize(refundMail, ruleSet, new FakePredictor({}), { mode: 'classifier-only' });
      expect(verdict).to.include({ category: 'delivery', source: 'classifier' });
    });

    it('classifier-only without a classifier falls back to "other" and says why', () => {
      const verdict = categorize(refundMail, ruleSet, null, { mode: 'classifier-only' });
      expect(verdict).to.include({ category: 'other', source: 'default', needsReview: true });
      expect(verdict.reason).to.equal('classifier-only mode but no classifier is available; defaulted to other, needs review');
    });
  });

  it('does not trust a classifier that predicts a category categories.yaml does not have', () => {
    const verdict = categorize(unmatchedMail, ruleSet, new FakePredictor({ category: 'warranty', confidence: 0.99 }));
    expect(verdict).to.include({ category: 'other', source: 'default', needsReview: true });
    expect(verdict.reason).to.equal('no rule matched and the classifier predicted unknown category "warranty"; defaulted to other, needs review');
  });

  it('names the lower rules that matched too', () => {
    const verdict = categorize(message({ text: 'Late refund again' }), ruleSet, null);
    expect(verdict.reason).to.equal('rule refund-en matched: refund (body); also matched late-urgent');
  });
});
