import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { ensureMailstack, resetMailboxes, sendMail, listMessages, waitFor } from '../support/mailstack';
import { testInstance, removeInstances } from '../support/daemon-harness';
import { freePort, startDaemonProcess, type DaemonProcess } from '../support/daemon-process';

async function get(port: number, route: string): Promise<{ status: number; type: string; body: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${route}`);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

/** The value of one sample line of the Prometheus text, e.g. `complaintd_cases{status="new"}`. */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

describe('the ops endpoint of the running daemon', function () {
  this.timeout(90_000);
  let daemon: DaemonProcess | null = null;

  before(async () => ensureMailstack());
  beforeEach(async () => resetMailboxes());
  afterEach(async function () {
    if (daemon && this.currentTest?.state === 'failed') process.stderr.write(`${readFileSync(daemon.logFile, 'utf8').split('\n').slice(-30).join('\n')}\n`);
    await daemon?.stop();
    daemon = null;
    removeInstances();
  });

  it('/metrics counts the complaint taken in, its case and the letters sent; /healthz and /readyz are green', async () => {
    const port = await freePort();
    daemon = startDaemonProcess(testInstance({ ops: { port } }));
    await waitFor(async () => (await get(port, '/readyz')).status === 200, { timeoutMs: 30_000, what: '/readyz green' });
    await sendMail('client1', 'complaints@example.test', { subject: 'Метрики', text: 'Верните деньги за заказ.' });
    await waitFor(async () => ((await listMessages('client1', 'INBOX')).length === 1 ? true : null), { timeoutMs: 30_000, what: 'the acknowledgement' });

    const metrics = await waitFor(async () => {
      const m = await get(port, '/metrics');
      return sample(m.body, 'complaintd_outbox_depth') === 0 ? m : null;
    }, { timeoutMs: 20_000, what: 'the outbox drained in /metrics' });
    expect(metrics.type).to.include('text/plain');
    expect(sample(metrics.body, 'complaintd_inbound_messages{status="registered"}')).to.equal(1);
    expect(sample(metrics.body, 'complaintd_cases{status="new"}')).to.equal(1);
    expect(sample(metrics.body, 'complaintd_outbox_oldest_age_seconds')).to.equal(0);
    expect(sample(metrics.body, 'complaintd_intake_lag_seconds')).to.equal(0);
    expect(sample(metrics.body, 'complaintd_last_poll_success_timestamp_seconds')).to.be.greaterThan(Date.now() / 1000 - 60);
    expect(sample(metrics.body, 'complaintd_last_send_success_timestamp_seconds')).to.be.greaterThan(Date.now() / 1000 - 60);
    expect(sample(metrics.body, 'complaintd_link_down_seconds{link="mailbox"}')).to.equal(0);
    expect(metrics.body).to.match(/^complaintd_config_info\{version="[0-9a-f]{12}"\} 1$/m);
    expect(metrics.body).to.include('# TYPE complaintd_log_events_total counter');

    const health = await get(port, '/healthz');
    expect(health.status).to.equal(200);
    expect(JSON.parse(health.body)).to.deep.equal({ ok: true, down: [] });
    expect((await get(port, '/nothing')).status).to.equal(404);
  });

  it('/healthz goes red when the mailbox has been unreachable longer than allowed, and errors are counted by event', async () => {
    const port = await freePort();
    const closed = await freePort();
    daemon = startDaemonProcess(testInstance({ ops: { port, unhealthyAfterSeconds: 1 }, imap: { port: closed } }));
    const red = await waitFor(async () => {
      const h = await get(port, '/healthz');
      return h.status === 503 ? h : null;
    }, { timeoutMs: 30_000, what: '/healthz red' });
    const body = JSON.parse(red.body) as { ok: boolean; down: Array<{ link: string; since: string }> };
    expect(body.ok).to.equal(false);
    expect(body.down.map((d) => d.link)).to.deep.equal(['mailbox']);
    const metrics = (await get(port, '/metrics')).body;
    expect(sample(metrics, 'complaintd_link_down_seconds{link="mailbox"}')).to.be.greaterThan(0);
    expect(sample(metrics, 'complaintd_log_events_total{level="warn",event="intake.connection_failed"}')).to.be.at.least(1);
    // Still ready: the daemon runs and its store answers; it is the mailbox that is away.
    expect((await get(port, '/readyz')).status).to.equal(200);
  });
});
