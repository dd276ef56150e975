// Builds small raw messages for tests, so each test states exactly the headers it depends on.

export interface RawMailSpec {
  from?: string | null;
  to?: string;
  subject?: string;
  messageId?: string | null;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  body?: string;
  date?: string;
}

let counter = 0;

export function uniqueId(label = 'test'): string {
  counter += 1;
  return `${label}.${process.pid}.${Date.now()}.${counter}@client.example.test`;
}

export function rawMail(spec: RawMailSpec): Buffer {
  const lines: string[] = [];
  if (spec.from !== null) lines.push(`From: ${spec.from ?? 'Анна Петрова <client1@example.test>'}`);
  lines.push(`To: ${spec.to ?? 'complaints@example.test'}`);
  lines.push(`Subject: ${encodeHeader(spec.subject ?? 'Претензия')}`);
  lines.push(`Date: ${spec.date ?? new Date().toUTCString()}`);
  if (spec.messageId !== null) lines.push(`Message-ID: <${spec.messageId ?? uniqueId()}>`);
  if (spec.inReplyTo) lines.push(`In-Reply-To: <${spec.inReplyTo}>`);
  if (spec.references?.length) lines.push(`References: ${spec.references.map((r) => `<${r}>`).join(' ')}`);
  for (const [k, v] of Object.entries(spec.headers ?? {})) lines.push(`${k}: ${v}`);
  lines.push('MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '');
  lines.push(spec.body ?? 'Прошу вернуть деньги за бракованный товар.');
  return Buffer.from(lines.join('\r\n') + '\r\n', 'utf8');
}

function encodeHeader(value: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}
