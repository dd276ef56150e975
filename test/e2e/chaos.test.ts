import { expect } from 'chai';
import { runChaos, summarize } from '../chaos/chaos-run';

// The small, seeded cousin of `npm run test:chaos`: the same run on 60 messages with two SIGKILLs,
// Dovecot and Postfix restarted and SMTP refusing for a stretch. A failure prints the seed and the table.
describe('chaos on real processes: nothing lost, nothing doubled', function () {
  this.timeout(180_000);

  it('60 messages appended while the daemon is SIGKILLed twice and both mail servers restart become one outcome each, and every case one acknowledgement', async () => {
    const report = await runChaos({ seed: 9, messages: 60, kills: 2, outages: true }, { graceSeconds: 10, idleTimeoutMs: 120_000, say: () => undefined });
    const { table, passed } = summarize(report);
    if (!passed) process.stderr.write(`${table}\n----- daemon log -----\n${report.logTail}\n`);
    expect(report.kills).to.equal(2);
    expect(report.serverRestarts).to.deep.equal(['dovecot', 'postfix']);
    expect({ duplicates: report.findings.duplicates, lost: report.findings.lost, wrong: report.findings.wrong, stuck: report.findings.stuck }).to.deep.equal({ duplicates: [], lost: [], wrong: [], stuck: [] });
    expect(report.findings.figures.cases).to.be.greaterThan(20);
  });
});
