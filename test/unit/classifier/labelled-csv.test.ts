import { expect } from 'chai';
import { CsvFormatError, parseLabelledCsv } from '../../../src/classifier/labelled-csv';

describe('labelled CSV reader', () => {
  it('keeps a quoted field with a newline, a comma and doubled quotes as one text', () => {
    const csv = 'label,text\r\nКровля,"Течёт крыша,\r\nкв. 5 ""под крышей"""\r\nФасад,трещина\r\n';
    const { examples } = parseLabelledCsv(csv);
    expect(examples).to.deep.equal([
      { label: 'Кровля', text: 'Течёт крыша,\r\nкв. 5 "под крышей"' },
      { label: 'Фасад', text: 'трещина' },
    ]);
  });

  it('ignores a UTF-8 byte order mark before the header', () => {
    const csv = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('label,text\nA,one\n')]);
    expect(parseLabelledCsv(csv).examples).to.deep.equal([{ label: 'A', text: 'one' }]);
  });

  it('reads the text and label from the named columns wherever they are', () => {
    const csv = 'id,cause,body\n1,Heating,radiator is cold\n';
    const { examples } = parseLabelledCsv(csv, { textColumn: 'body', labelColumn: 'cause' });
    expect(examples).to.deep.equal([{ label: 'Heating', text: 'radiator is cold' }]);
  });

  it('counts rows without a label or text as skipped instead of training on them', () => {
    const { examples, skippedRows } = parseLabelledCsv('label,text\nA,one\n,two\nB,\n');
    expect(examples).to.have.length(1);
    expect(skippedRows).to.equal(2);
  });

  it('names the missing column and the header it found', () => {
    expect(() => parseLabelledCsv('category,body\nA,one\n', undefined, 'cases.csv')).to.throw(
      CsvFormatError,
      /cases\.csv: no column named "text" or "label"; header is \["category","body"\]/,
    );
  });

  it('reports an unterminated quote as a format error with the file name', () => {
    expect(() => parseLabelledCsv('label,text\nA,"never closed\n', undefined, 'x.csv')).to.throw(CsvFormatError, /^x\.csv: /);
  });
});
