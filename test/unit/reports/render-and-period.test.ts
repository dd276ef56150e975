import { expect } from 'chai';
import { buildReport } from '../../../src/reports/kpi-report';
import { renderTable } from '../../../src/reports/render-table';
import { renderCsv } from '../../../src/reports/render-csv';
import { renderHtml } from '../../../src/reports/render-html';
import { parseReportPeriod } from '../../../src/reports/report-period';
import { formatChange, formatValue } from '../../../src/reports/metric-format';
import { SAMPLE_ROWS, SAMPLE_SETTINGS } from '../../support/kpi-sample';

const report = buildReport(SAMPLE_ROWS, SAMPLE_SETTINGS);

describe('KPI report renderings and period', () => {
  it('the terminal table leads with the targets, misses first, then the desk against the previous period', () => {
    const text = renderTable(report, 'en');
    const lines = text.split('\n');
    expect(lines[0]).to.equal('KPI report 2026-11-01 – 2026-11-08 (previous period 2026-10-25 – 2026-11-01; ends exclusive)');
    expect(lines[2]).to.equal('Targets');
    expect(lines[3]).to.match(/^ {2}MISS\s+desk\s+decided on time\s+50\.0 %\s+target ≥ 95\.0 %$/);
    expect(text).to.match(/^ {2}decided on time\s+50\.0 %\s+50\.0 %\s+0$/m);
    expect(text).to.match(/^ {2}time to acknowledge, median\s+4\.0 min\s+30\.0 min\s+−26\.0 min$/m);
    expect(text.indexOf('Targets')).to.be.lessThan(text.indexOf('Desk'));
    expect(text).to.contain('  (2 more without data to judge by: nothing was due, decided or acknowledged)').and.not.contain('carol@org.test  ');
  });

  it('CSV has one figure a row with plain numbers, targets with their verdict', () => {
    const csv = renderCsv(report).split('\n');
    expect(csv[0]).to.equal('section,subject,metric,value,previous,target,met');
    expect(csv).to.include('desk,,onTimeShare,0.5,0.5,,');
    expect(csv).to.include('cause,refund,cases,2,1,,');
    expect(csv).to.include('employee,bob@org.test,returnedByApproval,1,,,');
    expect(csv).to.include('target_desk,,onTimeShare,0.5,,0.95,false');
  });

  it('the HTML report is one file with no script and no outside reference, names escaped', () => {
    const html = renderHtml(buildReport(SAMPLE_ROWS, { ...SAMPLE_SETTINGS, categoryName: (id) => `<${id}>` }), SAMPLE_SETTINGS.targets);
    expect(html).to.not.match(/<script|<link|src=|href=|url\(|https?:/i);
    expect(html.match(/<svg class="chart"/g)).to.have.length(3);
    expect(html).to.contain('&lt;refund&gt;').and.not.contain('<refund>');
  });

  it('the HTML report speaks the reader\'s language', () => {
    const html = renderHtml(report, SAMPLE_SETTINGS.targets, 'ru');
    expect(html).to.contain('<html lang="ru">').and.contain('Целевые значения: не достигнуто 5 из 10').and.contain('Возраст открытых претензий на 2026-11-08');
    expect(html).to.contain('<td>НЕ ДОСТИГНУТО</td><td>вся служба</td><td>решено в срок</td>');
  });

  it('figures and changes read the same everywhere', () => {
    expect(formatValue(0.954, 'share')).to.equal('95.4 %');
    expect(formatValue(null, 'hours')).to.equal('—');
    expect(formatChange(0.9, 0.95, 'share')).to.equal('−5.0 pp');
    expect(formatChange(3, null, 'count')).to.equal('');
  });

  it('a date is a whole local day: --to includes it, --from starts at its midnight; the default is the 7 days before now', () => {
    const p = parseReportPeriod({ from: '2026-11-01', to: '2026-11-07' }, new Date(), 'Europe/Moscow');
    expect(p).to.deep.equal({ from: new Date('2026-10-31T21:00:00Z'), to: new Date('2026-11-07T21:00:00Z') });
    const now = new Date('2026-12-02T10:00:00Z');
    expect(parseReportPeriod({}, now, 'Europe/Moscow')).to.deep.equal({ from: new Date('2026-11-25T10:00:00Z'), to: now });
    expect(parseReportPeriod({ from: '2026-11-08', to: '2026-11-01' }, now, 'UTC')).to.have.property('error').that.contains('empty');
    expect(parseReportPeriod({ to: 'next week' }, now, 'UTC')).to.have.property('error').that.contains('--to next week');
  });
});
