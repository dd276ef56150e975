// Every message in test/fixtures/bounces against EXPECTED.json, which was written by reading each
// message (see PROVENANCE.md there), not from this classifier's output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import { classifyAutomatedMail } from '../../../src/mail/bounce';
import { BOUNCE_FIXTURES, bounceFixture, fixtureNames } from './fixtures';

interface Expectation {
  kind: 'bounce' | 'auto_reply' | 'other_automated' | 'none';
  addresses?: string[];
  note?: string;
}

const EXPECTED = JSON.parse(readFileSync(join(BOUNCE_FIXTURES, 'EXPECTED.json'), 'utf8')) as Record<string, Expectation>;

describe('real bounces, auto-replies and other mail from the fixture set', () => {
  it('every fixture has an expectation and every expectation a fixture', () => {
    expect(fixtureNames(BOUNCE_FIXTURES)).to.deep.equal(Object.keys(EXPECTED).sort());
  });

  for (const [name, expected] of Object.entries(EXPECTED)) {
    const what = expected.kind === 'bounce' ? `a bounce for ${expected.addresses?.join(', ') || 'no readable address'}` : expected.kind;
    it(`${name.replace(/^sisimai-set-of-emails__/, '')} is ${what}`, async () => {
      const { raw, parsed } = await bounceFixture(name);
      const result = classifyAutomatedMail(parsed, raw);
      expect(result.kind, expected.note).to.equal(expected.kind);
      if (result.kind === 'bounce') {
        expect(result.recipients.map((r) => r.address).sort(), expected.note).to.deep.equal(expected.addresses);
      }
    });
  }
});
