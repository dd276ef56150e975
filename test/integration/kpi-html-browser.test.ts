import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { buildReport } from '../../src/reports/kpi-report';
import { renderHtml } from '../../src/reports/render-html';
import { SAMPLE_ROWS, SAMPLE_SETTINGS } from '../support/kpi-sample';

// The HTML report in a real browser: Debian's chromium, headless. The report and its screenshot are
// kept under test-artifacts/ for a person to look at.
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');

function chromiumPath(): string {
  const named = process.env.CHROMIUM_PATH;
  if (named) return named;
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) if (existsSync(candidate)) return candidate;
  try {
    return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('chromium is not installed: the HTML report is tested in a real browser (apt-get install -y chromium, as .ci/run does), or set CHROMIUM_PATH');
  }
}

describe('the HTML KPI report in a headless browser', function () {
  this.timeout(120_000);
  let browser: Browser;

  before(async () => {
    browser = await puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  });
  after(async () => browser?.close());

  it('renders with no console errors and no outside request, with its three charts drawn, and leaves a screenshot', async () => {
    const report = buildReport(SAMPLE_ROWS, SAMPLE_SETTINGS, {
      runs: [
        { finishedAt: '2026-10-01T03:00:00Z', trainExamples: 5000, heldOut: 40, macroF1: 0.81, perClassF1: { refund: 0.9, delivery: 0.7 }, accepted: true },
        { finishedAt: '2026-11-01T03:00:00Z', trainExamples: 5200, heldOut: 52, macroF1: 0.84, perClassF1: { refund: 0.92, delivery: 0.75 }, accepted: true },
      ],
      corrections: [{ category: 'delivery', corrections: 4 }],
    });
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, 'kpi-report.html');
    writeFileSync(file, renderHtml(report, SAMPLE_SETTINGS.targets, 'en'));

    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warn') problems.push(`console ${m.type()}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${String(e)}`));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.setViewport({ width: 1024, height: 800 });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });

    const charts = await page.$$eval('svg.chart', (svgs) => svgs.map((s) => ({ label: s.getAttribute('aria-label') ?? '', bars: s.querySelectorAll('rect').length, width: s.getBoundingClientRect().width })));
    expect(charts.map((c) => c.label)).to.deep.equal([
      'Causes over time (cases received)',
      'Decided on time per department (mark: target)',
      'Backlog ageing at 2026-11-08 (open cases by age since receipt)',
    ]);
    for (const c of charts) {
      expect(c.bars, c.label).to.be.greaterThan(0);
      expect(c.width, c.label).to.be.greaterThan(100);
    }
    const staffRows = await page.$$eval('table tr', (rows) => rows.map((r) => r.textContent ?? ''));
    expect(staffRows.some((r) => r.includes('Alice <alice@org.test>'))).to.equal(true);
    expect(await page.$$eval('tr.miss', (rows) => rows.length)).to.be.greaterThan(0);

    const shot = path.join(ARTIFACTS, 'kpi-report.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).to.be.greaterThan(10_000);
    expect(problems).to.deep.equal([]);
    expect(requests).to.deep.equal([pathToFileURL(file).href]);
  });
});
