import { expect } from 'chai';
import Handlebars from 'handlebars';
import { errorLine } from '../../../src/templates/catalogue';

/** The error Handlebars throws for this source, compiled and rendered as the catalogue does. */
function errorOf(source: string): unknown {
  try {
    Handlebars.precompile(source);
    Handlebars.compile(source)({ x: [1] });
  } catch (err) {
    return err;
  }
  throw new Error('no error');
}

describe('the line of a template error', () => {
  it('a parse error is at the line Handlebars names', () => {
    const source = 'Hello\n{{#if x}}\nbody\n';
    expect(errorLine(errorOf(source), source)).to.equal(4);
  });

  it('a block closed by the wrong name is at the block it opened', () => {
    const source = 'a\n{{#each x}}\n{{/if}}';
    expect(errorLine(errorOf(source), source)).to.equal(2);
  });

  it('an unknown helper, found only when rendering, is at the first line that calls it', () => {
    const source = 'Тема\n\n{{shout alert.rule}}\n{{shout again}}';
    expect(errorLine(errorOf(source), source)).to.equal(3);
  });

  it('an error that names no place has no line', () => {
    expect(errorLine(new Error('something else'), 'a\nb')).to.equal(null);
  });
});
