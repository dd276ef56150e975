// A large complaint for the memory benchmark: a short text and a big attachment, or one long text.
import { randomBytes } from 'node:crypto';

/** A complaint of about `bytes` bytes: a short text and a big attachment, or one long text body. */
export function largeComplaint(bytes: number, kind: 'attachment' | 'text'): Buffer {
  const head = ['From: Анна Петрова <client1@example.test>', 'To: complaints@example.test', 'Subject: =?UTF-8?B?' + Buffer.from('Видео: курьер разбил посылку').toString('base64') + '?=',
    `Message-ID: <large.${Date.now()}@client.example.test>`, `Date: ${new Date().toUTCString()}`, 'MIME-Version: 1.0'];
  if (kind === 'text') {
    const line = 'Курьер бросил посылку на пол, коробка смята, техника внутри не работает. Прошу вернуть деньги.\r\n';
    const body = line.repeat(Math.floor((bytes - 400) / Buffer.byteLength(line)));
    return Buffer.from([...head, 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', body].join('\r\n'));
  }
  const attachment = randomBytes(Math.floor(((bytes - 1000) * 3) / 4 / 78 * 76)).toString('base64').replace(/.{76}/g, '$&\r\n');
  return Buffer.from([...head, 'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain; charset=utf-8', '', 'Видео с камеры прилагаю.',
    '--b', 'Content-Type: video/mp4; name="camera.mp4"', 'Content-Disposition: attachment; filename="camera.mp4"', 'Content-Transfer-Encoding: base64', '', attachment, '--b--', ''].join('\r\n'));
}
