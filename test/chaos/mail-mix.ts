// The mail the chaos run appends, built from a seeded random so a failing run can be repeated: new
// complaints in Russian (UTF-8, windows-1251, KOI8-R) and English, clients' follow-ups to their
// acknowledgements, auto-replies, bounces, malformed messages and redeliveries. Each message comes
// with what the daemon must make of it, which the checks compare with the store and the mailboxes.
import type { Random } from '../../src/classifier/seeded-random';
import { dsn } from '../support/bounce-mail';

export type Outcome = 'registered' | 'follow_up' | 'automated' | 'bounce' | 'quarantined';

export interface ChaosMessage {
  /** The Message-ID without brackets: the ledger's message key. */
  key: string;
  label: string;
  raw: Buffer;
  expected: Outcome;
  /** The case a follow-up or a bounce must land on. */
  caseNumber?: string;
  /** The client whose INBOX gets the acknowledgement of a new case. */
  client?: string;
}

/** An acknowledgement a client has in its INBOX: what a follow-up or a bounce refers to. */
export interface Ack {
  client: string;
  caseNumber: string;
  messageId: string;
  subject: string;
}

// Clients who write complaints and follow-ups; the bouncing clients write one complaint each, whose
// acknowledgement later "bounces" (so the suppression that follows never holds another letter).
export const CLIENTS = ['client1', 'client2', 'client3', ...Array.from({ length: 15 }, (_, i) => `box${String(i + 1).padStart(2, '0')}`)];
export const BOUNCING_CLIENTS = ['box16', 'box17', 'box18', 'box19', 'box20'];

const RU_NAMES = ['Анна Петрова', 'Иван Соколов', 'Мария Кузнецова', 'Олег Смирнов', 'Ёлка Щукина'];
const EN_NAMES = ['Alice Walker', 'Bob Stone', 'Carol Reed'];
const RU_TOPICS = ['товар пришёл сломанным', 'верните деньги за заказ', 'курьер не привёз посылку', 'списали деньги дважды', 'грубый оператор на линии'];
const EN_TOPICS = ['the parcel never arrived', 'I was charged twice', 'the item arrived broken', 'please refund my order'];

type Charset = 'utf-8' | 'windows-1251' | 'koi8-r';

const encoders = new Map<Charset, (text: string) => Buffer>();
/** Single-byte Cyrillic encodings by reversing Node's own decoder, so no table is kept by hand. */
function encode(text: string, charset: Charset): Buffer {
  if (charset === 'utf-8') return Buffer.from(text, 'utf8');
  let encoder = encoders.get(charset);
  if (!encoder) {
    const decoder = new TextDecoder(charset);
    const table = new Map<string, number>();
    for (let b = 0x80; b <= 0xff; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
    encoder = (t: string) => Buffer.from([...t].map((ch) => (ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : (table.get(ch) ?? 0x3f))));
    encoders.set(charset, encoder);
  }
  return encoder(text);
}

function word(value: string, charset: Charset): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?${charset}?B?${encode(value, charset).toString('base64')}?=`;
}

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

interface Letter {
  from: string | null;
  fromName: string;
  subject: string;
  body: string;
  messageId: string;
  charset: Charset;
  headers?: string[];
}

function raw(l: Letter): Buffer {
  const head = [
    ...(l.from === null ? [] : [`From: ${word(l.fromName, l.charset)} <${l.from}@example.test>`]),
    'To: complaints@example.test',
    `Subject: ${word(l.subject, l.charset)}`,
    `Date: ${new Date().toUTCString()}`,
    `Message-ID: <${l.messageId}>`,
    ...(l.headers ?? []),
    'MIME-Version: 1.0',
    `Content-Type: text/plain; charset=${l.charset}`,
    'Content-Transfer-Encoding: 8bit',
    '',
    '',
  ].join('\r\n');
  return Buffer.concat([Buffer.from(head, 'latin1'), encode(l.body.replace(/\n/g, '\r\n') + '\r\n', l.charset)]);
}

/** Builds message number `index` of the run; follow-ups and bounces refer to acknowledgements already received. */
export class MailMix {
  private readonly bouncingLeft = [...BOUNCING_CLIENTS];
  private readonly bounced = new Set<string>();
  private readonly earlier: ChaosMessage[] = [];

  constructor(private readonly seed: number, private readonly random: Random) {}

  complaint(index: number): ChaosMessage {
    const r = this.random;
    const client = this.bouncingLeft.length > 0 && r() < 0.1 ? (this.bouncingLeft.shift() as string) : pick(r, CLIENTS);
    const english = r() < 0.3;
    const charset: Charset = english ? 'utf-8' : pick(r, ['utf-8', 'utf-8', 'windows-1251', 'koi8-r'] as const);
    // An order number in every subject: two complaints of one client never thread by subject.
    const order = 10_000 + index;
    const subject = english ? `Order ${order}: ${pick(r, EN_TOPICS)}` : `Заказ №${order}: ${pick(r, RU_TOPICS)}`;
    const body = english
      ? `Hello,\n\nmy order ${order}: ${pick(r, EN_TOPICS)}. Please sort it out.\n\nRegards`
      : `Здравствуйте!\n\nПо заказу ${order}: ${pick(r, RU_TOPICS)}. Прошу разобраться и вернуть деньги.\n\nС уважением`;
    const messageId = this.id(index, 'new');
    const m: ChaosMessage = {
      key: messageId, label: `complaint ${english ? 'en' : 'ru'} ${charset}`, expected: 'registered', client,
      raw: raw({ from: client, fromName: pick(r, english ? EN_NAMES : RU_NAMES), subject, body, messageId, charset }),
    };
    this.earlier.push(m);
    return m;
  }

  /** A client's reply to its acknowledgement: by In-Reply-To, or only by the case tag in a new subject. */
  followUp(index: number, ack: Ack): ChaosMessage {
    const r = this.random;
    const messageId = this.id(index, 'reply');
    const byHeader = r() < 0.5;
    const charset: Charset = pick(r, ['utf-8', 'windows-1251', 'koi8-r'] as const);
    const letter: Letter = byHeader
      ? { from: ack.client, fromName: pick(r, RU_NAMES), subject: `Re: ${ack.subject}`, messageId, charset,
          body: `Добавлю: чек прилагаю, жду ответа.\n\n> ${ack.caseNumber}: ваша претензия зарегистрирована`,
          headers: [`In-Reply-To: <${ack.messageId}>`, `References: <${ack.messageId}>`] }
      : { from: ack.client, fromName: pick(r, RU_NAMES), subject: `[${ack.caseNumber}] дополнение к претензии`, messageId, charset,
          body: 'Забыл написать: номер карты, с которой списали деньги, оканчивается на 1234.' };
    return { key: messageId, label: `follow-up by ${byHeader ? 'in-reply-to' : 'case tag'}`, expected: 'follow_up', caseNumber: ack.caseNumber, raw: raw(letter) };
  }

  autoReply(index: number): ChaosMessage {
    const r = this.random;
    const messageId = this.id(index, 'auto');
    const english = r() < 0.5;
    return {
      key: messageId, label: 'auto-reply', expected: 'automated',
      raw: raw({
        from: pick(r, CLIENTS), fromName: english ? 'Bob Stone' : 'Иван Соколов', messageId, charset: 'utf-8',
        subject: english ? `Out of office ${index}` : `Автоответ ${index}: я в отпуске`,
        body: english ? 'I am away until Monday.' : 'Я в отпуске до понедельника, отвечу позже.',
        headers: ['Auto-Submitted: auto-replied', ...(r() < 0.5 ? ['X-Autoreply: yes'] : [])],
      }),
    };
  }

  /** A bounce of a bouncing client's acknowledgement when there is one, else of a letter that is not ours. */
  bounce(index: number, acks: readonly Ack[]): ChaosMessage {
    const messageId = this.id(index, 'dsn');
    const ack = acks.find((a) => BOUNCING_CLIENTS.includes(a.client) && !this.bounced.has(a.caseNumber));
    if (ack) {
      this.bounced.add(ack.caseNumber);
      return { key: messageId, label: 'bounce of our letter', expected: 'bounce', caseNumber: ack.caseNumber, raw: dsn({ recipient: `${ack.client}@example.test`, returnedMessageId: ack.messageId, messageId }) };
    }
    return { key: messageId, label: 'bounce of a stranger\'s letter', expected: 'automated', raw: dsn({ recipient: 'someone@elsewhere.example', returnedMessageId: `not-ours.${index}@elsewhere.example`, messageId }) };
  }

  malformed(index: number): ChaosMessage {
    const messageId = this.id(index, 'bad');
    if (this.random() < 0.5) {
      // Multiparts nested 3,000 deep: past mailparser's part limit, so parsing fails.
      let open = '';
      let close = '';
      for (let i = 0; i < 3000; i++) {
        open += `Content-Type: multipart/mixed; boundary=b${i}\r\n\r\n--b${i}\r\n`;
        close = `\r\n--b${i}--\r\n${close}`;
      }
      return { key: messageId, label: 'malformed: nested MIME', expected: 'quarantined', raw: Buffer.from(`From: client2@example.test\r\nSubject: nested ${index}\r\nMessage-ID: <${messageId}>\r\n${open}Content-Type: text/plain\r\n\r\nhi${close}`) };
    }
    return { key: messageId, label: 'malformed: no sender', expected: 'quarantined', raw: raw({ from: null, fromName: '', subject: `Без отправителя ${index}`, body: 'Кто я?', messageId, charset: 'koi8-r' }) };
  }

  /** The same bytes as an earlier complaint, delivered again (a client's resend, a server's redelivery). */
  redelivery(): ChaosMessage | null {
    return this.earlier.length === 0 ? null : pick(this.random, this.earlier);
  }

  private id(index: number, what: string): string {
    return `chaos.${this.seed}.${index}.${what}@client.example.test`;
  }
}
