// The mail of the end-to-end bench: new complaints and follow-ups to them, Russian and English, some
// with an attachment, some in a legacy Cyrillic charset, from the mail stack's pool users. Made the
// same way every run (seeded choices), so two runs measure the same letters.
import { randomBytes } from 'node:crypto';
import iconv from 'iconv-lite';

export const CLIENTS = [...Array.from({ length: 20 }, (_, i) => `box${String(i + 1).padStart(2, '0')}@example.test`), 'client1@example.test', 'client2@example.test', 'client3@example.test'];

const RU = [
  'Прошу вернуть деньги за возвращённый товар, заказ № {n}. Деньги не вернули уже три недели.',
  'Курьер не доставил заказ {n}, хотя в статусе написано «доставлен». Прошу разобраться.',
  'Сотрудник в пункте выдачи нагрубил мне при получении заказа {n}.',
  'Приложение не работает: после обновления не могу войти в личный кабинет, заказ {n}.',
  'С карты дважды списали оплату за заказ {n}, верните лишнее списание.',
];
const EN = [
  'My card was charged twice for order {n}. Please refund the duplicate charge.',
  'The parcel for order {n} never arrived although the tracking says delivered.',
  'The item in order {n} arrived broken; I want a replacement or my money back.',
];
const FOLLOW_RU = 'Добавлю: по заказу {n} до сих пор нет ответа, жду решения.';
const FOLLOW_EN = 'Any news on order {n}? I am still waiting for the refund.';

export interface BenchLetter {
  from: string;
  messageId: string;
  raw: Buffer;
  kind: 'new' | 'follow_up';
}

function header(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value).toString('base64')}?=`;
}

function body(text: string, n: number): { headers: string[]; bytes: string } {
  // One in seven Russian letters comes in a legacy charset, as old mail clients still send them.
  const legacy = n % 7 === 0 && /[а-я]/i.test(text) ? (n % 14 === 0 ? 'koi8-r' : 'windows-1251') : null;
  if (!legacy) return { headers: ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64'], bytes: wrap(Buffer.from(text).toString('base64')) };
  return { headers: [`Content-Type: text/plain; charset=${legacy}`, 'Content-Transfer-Encoding: base64'], bytes: wrap(iconv.encode(text, legacy).toString('base64')) };
}

function wrap(b64: string): string {
  return b64.replace(/.{1,76}/g, '$&\r\n');
}

function letter(n: number, messageId: string, from: string, subject: string, text: string, threading: string[], attachment: boolean): Buffer {
  const part = body(text, n);
  const top = [`From: ${from}`, 'To: complaints@example.test', `Subject: ${header(subject)}`, `Message-ID: <${messageId}>`, `Date: ${new Date().toUTCString()}`, 'MIME-Version: 1.0', ...threading];
  if (!attachment) return Buffer.from([...top, ...part.headers, '', part.bytes].join('\r\n'));
  const boundary = `bench-${n}`;
  return Buffer.from([
    ...top, `Content-Type: multipart/mixed; boundary="${boundary}"`, '',
    `--${boundary}`, ...part.headers, '', part.bytes,
    `--${boundary}`, `Content-Type: application/pdf; name="receipt-${n}.pdf"`, `Content-Disposition: attachment; filename="receipt-${n}.pdf"`, 'Content-Transfer-Encoding: base64', '',
    wrap(randomBytes(24 * 1024).toString('base64')), `--${boundary}--`, '',
  ].join('\r\n'));
}

/** `count` letters: seven in ten new complaints, the rest follow-ups to one sent at least 30 letters earlier by the same client. */
export function benchLetters(count: number, tag: string): BenchLetter[] {
  const letters: BenchLetter[] = [];
  const originals: Array<{ index: number; from: string; subject: string; messageId: string }> = [];
  for (let i = 0; i < count; i++) {
    const n = i;
    const messageId = `bench.${tag}.${i}@example.test`;
    const english = i % 4 === 1;
    const attachment = i % 10 === 4;
    const isFollowUp = i >= 30 && [3, 6, 9].includes(i % 10);
    if (isFollowUp) {
      const original = originals[(i * 7919) % Math.max(1, originals.length - 30)] as (typeof originals)[number];
      const text = (english ? FOLLOW_EN : FOLLOW_RU).replace('{n}', String(original.index));
      const raw = letter(n, messageId, original.from, `Re: ${original.subject}`, text, [`In-Reply-To: <${original.messageId}>`, `References: <${original.messageId}>`], attachment);
      letters.push({ from: original.from, messageId, raw, kind: 'follow_up' });
      continue;
    }
    const from = CLIENTS[i % CLIENTS.length] as string;
    const pool = english ? EN : RU;
    const text = (pool[i % pool.length] as string).replace('{n}', String(n));
    const subject = english ? `Complaint about order ${n}` : `Претензия по заказу ${n}`;
    const raw = letter(n, messageId, from, subject, text, [], attachment);
    letters.push({ from, messageId, raw, kind: 'new' });
    originals.push({ index: n, from, subject, messageId });
  }
  return letters;
}
