import { expect } from 'chai';
import { applyLabelMap, parseLabelMap } from '../../../src/classifier/label-map';
import { RuleFileError } from '../../../src/rules/rule-file-error';

const categoryIds = new Set(['billing', 'delivery', 'other']);

describe('label map', () => {
  it('maps source labels to categories, passes category ids through and reports the rest', () => {
    const map = parseLabelMap('map.yaml', '"Credit card": billing\n"Money transfer": billing\n', categoryIds);
    const mapped = applyLabelMap(
      [
        { text: 'a', label: 'Credit card' },
        { text: 'b', label: 'delivery' },
        { text: 'c', label: 'Mortgage' },
        { text: 'd', label: 'Mortgage' },
      ],
      map,
      categoryIds,
    );
    expect(mapped.examples.map((e) => e.label)).to.deep.equal(['billing', 'delivery', 'Mortgage', 'Mortgage']);
    expect(mapped.unmapped).to.deep.equal([{ label: 'Mortgage', count: 2 }]);
  });

  it('names the line of a label mapped to an unknown category', () => {
    const failure = (() => {
      try {
        parseLabelMap('map.yaml', '"Credit card": billing\n"Mortgage": loans\n', categoryIds);
        return null;
      } catch (err) {
        return err;
      }
    })();
    expect(failure).to.be.instanceOf(RuleFileError);
    expect((failure as Error).message).to.match(/map\.yaml:2: Mortgage: maps to unknown category "loans"/);
  });

  it('reads an empty table (the shipped default) as no mapping', () => {
    expect(parseLabelMap('map.yaml', '# nothing yet\n{}\n', categoryIds).size).to.equal(0);
  });
});
