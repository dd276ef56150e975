import { expect } from 'chai';
import { Worker } from 'node:worker_threads';
import { BoundedParser, parseOutcome, youngGenerationMb, type ParseBounds } from '../../../src/mail/bounded-parse';
import { UnparseableMessageError } from '../../../src/mail/errors';
import { parseMessage } from '../../../src/mail/parse';
import { LIMITS, fixture } from './fixtures';

const BOUNDS: ParseBounds = { timeoutMs: 30_000, memoryMb: 256 };

/** A plain text message whose body is about `megabytes` MB of Cyrillic lines. */
function longLetter(megabytes: number): Buffer {
  const line = 'жалоба на обслуживание в отделении '.repeat(3) + '\r\n';
  const body = line.repeat(Math.ceil((megabytes * 1e6) / Buffer.byteLength(line)));
  return Buffer.from(`From: a@example.test\r\nSubject: long\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${body}`);
}

/** A thread that says it is ready and then never answers: a parse stuck in a loop. */
const stuckThread = (): Worker => new Worker(
  "const { parentPort } = require('node:worker_threads'); parentPort.postMessage({ ready: true }); parentPort.on('message', () => { for (;;) {} });",
  { eval: true },
);

async function unparseable(p: Promise<unknown>): Promise<UnparseableMessageError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof UnparseableMessageError) return err;
    throw err;
  }
  throw new Error('expected the message to be unparseable');
}

describe('parsing in a thread with bounded work', function () {
  this.timeout(60_000);
  let parser: BoundedParser;
  afterEach(() => parser.close());

  it('a message parsed in the thread is the message parsed in the daemon, attachments as Buffers', async () => {
    parser = new BoundedParser(BOUNDS);
    const raw = fixture('enmime__mail__attachment.eml');
    const inThread = await parser.parse(raw, LIMITS);
    expect(inThread).to.deep.equal(await parseMessage(raw, LIMITS));
    expect(inThread.attachments[0]?.content).to.be.instanceOf(Buffer);
  });

  it('KOI8-R and windows-1251 complaints come out of the thread decoded', async () => {
    parser = new BoundedParser(BOUNDS);
    expect((await parser.parse(fixture('synthetic__koi8r-complaint.eml'), LIMITS)).subject).to.equal('Нет горячей воды');
    expect((await parser.parse(fixture('synthetic__cp1251-complaint.eml'), LIMITS)).subject).to.equal('Жалоба на отделение № 5');
  });

  it('an unparseable message is unparseable with the parser\'s own reason', async () => {
    parser = new BoundedParser(BOUNDS);
    expect((await unparseable(parser.parse(fixture('enmime__mail__erroneous.eml'), LIMITS))).reason).to.equal('no header block');
  });

  it('a message over the size limit is refused without being copied to the thread', async () => {
    parser = new BoundedParser(BOUNDS, () => {
      throw new Error('no thread should be started');
    });
    expect((await unparseable(parser.parse(fixture('synthetic__koi8r-complaint.eml'), { ...LIMITS, maxMessageBytes: 100 }))).reason).to.equal('message larger than 100 bytes');
  });

  it('a parse that needs more than the memory cap is stopped, unparseable with the reason, and the next message parses', async () => {
    parser = new BoundedParser({ ...BOUNDS, memoryMb: 32 });
    const error = await unparseable(parser.parse(longLetter(20), { ...LIMITS, maxMessageBytes: 50_000_000 }));
    expect(error.reason).to.equal('parsing needed more than 32 MB of memory (mail.parseMemoryMb), given up');
    expect((await parser.parse(fixture('synthetic__koi8r-complaint.eml'), LIMITS)).subject).to.equal('Нет горячей воды');
  });

  it('a parse that never finishes is stopped at the time limit, unparseable with the reason, and the thread is replaced', async () => {
    let started = 0;
    parser = new BoundedParser({ ...BOUNDS, timeoutMs: 200 }, () => {
      started += 1;
      return stuckThread();
    });
    const first = await unparseable(parser.parse(fixture('synthetic__koi8r-complaint.eml'), LIMITS));
    expect(first.reason).to.equal('parsing took longer than 200 ms (mail.parseTimeoutMs), given up');
    await unparseable(parser.parse(fixture('synthetic__koi8r-complaint.eml'), LIMITS));
    expect(started).to.equal(2);
  });

  it('messages handed over together are parsed one after another, each to its own result', async () => {
    parser = new BoundedParser(BOUNDS);
    const names = ['synthetic__koi8r-complaint.eml', 'synthetic__cp1251-complaint.eml', 'enmime__mail__erroneous.eml'];
    const results = await Promise.allSettled(names.map((n) => parser.parse(fixture(n), LIMITS)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.subject : (r.reason as UnparseableMessageError).reason)))
      .to.deep.equal(['Нет горячей воды', 'Жалоба на отделение № 5', 'no header block']);
  });
});

describe('what the end of a parse in a thread means for the message', () => {
  it('a thread that died of something else is a plain error, retried by the pipeline, not quarantined at once', () => {
    const outcome = parseOutcome({ kind: 'exit', code: 7 }, BOUNDS);
    expect('error' in outcome && outcome.error).to.be.instanceOf(Error).and.not.be.instanceOf(UnparseableMessageError);
    const crashed = parseOutcome({ kind: 'error', code: undefined, message: 'boom' }, BOUNDS);
    expect('error' in crashed && crashed.error.message).to.equal('the parse thread failed: boom');
  });

  it('an unexpected error inside the parser is a plain error too', () => {
    const outcome = parseOutcome({ kind: 'reply', reply: { ok: false, unparseable: false, message: 'bug' } }, BOUNDS);
    expect('error' in outcome && outcome.error).to.be.instanceOf(Error).and.not.be.instanceOf(UnparseableMessageError);
  });

  it('the young generation is a small share of a small cap and at most 32 MB of a big one', () => {
    expect([youngGenerationMb(16), youngGenerationMb(256), youngGenerationMb(4096)]).to.deep.equal([2, 32, 32]);
  });
});
