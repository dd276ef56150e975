import { expect } from 'chai';
import path from 'node:path';
import { checkExamples } from '../../../src/rules/check-examples';
import { loadRuleSet } from '../../../src/rules/load-rules';
import { FIXTURES, testCategories } from './rule-sets';

describe('checkExamples', () => {
  it('passes a set whose examples are won by their own rules and whose counter-examples miss them', async () => {
    const report = checkExamples(await loadRuleSet(path.join(FIXTURES, 'good'), testCategories));
    expect(report).to.deep.equal({ ruleCount: 2, exampleCount: 2, counterExampleCount: 1, failures: [] });
  });

  it('fails an example no rule matches, one another rule wins, and a counter-example its rule matches', async () => {
    const file = path.join(FIXTURES, 'failing-examples', 'rules.yaml');
    const report = checkExamples(await loadRuleSet(path.dirname(file), testCategories));
    expect(report.failures).to.deep.equal([
      { ruleId: 'refund-en', kind: 'example', file, line: 10, preview: 'I want my money back', problem: 'no rule matched' },
      {
        ruleId: 'refund-en',
        kind: 'example',
        file,
        line: 11,
        preview: 'The late delivery means I want a refund',
        problem: 'won by late-delivery (delivery) (this rule matched too but ranks lower)',
      },
      { ruleId: 'refund-en', kind: 'counter-example', file, line: 13, preview: 'Thanks for the refund', problem: 'matched: refund (body)' },
    ]);
  });
});
