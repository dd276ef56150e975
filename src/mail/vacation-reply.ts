// Telling an answer written by a machine on a person's behalf (vacation, out-of-office, "we have
// received your request") from other automated mail. Such a reply says the letter arrived and a
// person will read it later: it is recorded on the case, never answered, and never a bounce.
import type { ParsedMessage } from './parsed-message';

const MAX_VALUE_IN_REASON = 60;
// Subjects autoresponders write, in the languages our correspondents use. Anchored at the start
// (after an optional "[...]" tag), so a person's "Re: my automatic reply is broken" stays a person's.
const VACATION_SUBJECT = /^(\[[^\]]{0,40}\]\s*)?(auto(matic|matische)?[ _-]?(reply|response|respons|answer|antwort)|autoreply|auto:|out of (the )?office|away (from (the )?office|until\b)|on vacation|vacation reply|abwesenheitsnotiz|r[ée]ponse automatique|risposta automatica|respuesta autom[áa]tica|автоответ|автоматический ответ|нет на месте|в отпуске|отсутствую|вне офиса)/i;
// Ticket systems acknowledging a letter; only trusted together with a header that says a machine
// wrote it, since a person may well write "I received your request".
const ACKNOWLEDGEMENT = /(ticket|request|case|inquiry|enquiry|обращени[ея]|заявк[аи]|запрос)\b.{0,60}\b(received|created|opened|registered|logged|принят[аоы]?|зарегистрирован[аоы]?|получен[аоы]?)|we (have )?received your (message|e-?mail|letter|request)|ваше (письмо|обращение|сообщение) (получено|принято|зарегистрировано)/i;

/** Why the message is an autoresponder's reply, or null when nothing says so. */
export function autoReplyReason(msg: ParsedMessage): string | null {
  const headers = msg.headers;
  const autoSubmitted = headers['auto-submitted']?.[0]?.trim() ?? '';
  if (/^auto-replied\b/i.test(autoSubmitted)) return `Auto-Submitted: ${short(autoSubmitted)}`;
  for (const name of ['x-autoreply', 'x-autorespond']) {
    const value = headers[name]?.[0]?.trim();
    if (value) return `${name === 'x-autoreply' ? 'X-Autoreply' : 'X-Autorespond'}: ${short(value)}`;
  }
  const apple = headers['x-apple-action']?.find((v) => /vacation/i.test(v));
  if (apple) return `X-Apple-Action: ${short(apple.trim())}`;
  if (headers['precedence']?.some((v) => /^\s*auto[_-]reply\b/i.test(v))) return 'Precedence: auto_reply';
  if (VACATION_SUBJECT.test(msg.subject)) return `out-of-office subject: ${short(msg.subject)}`;
  if (hasMachineHeader(headers) && ACKNOWLEDGEMENT.test(`${msg.subject}\n${msg.text.slice(0, 2000)}`)) {
    return `acknowledgement from a ticket system: ${short(msg.subject)}`;
  }
  return null;
}

function hasMachineHeader(headers: ParsedMessage['headers']): boolean {
  return (
    headers['auto-submitted']?.some((v) => v.trim() !== '' && !/^no\b/i.test(v.trim())) === true ||
    headers['precedence']?.some((v) => /^\s*(bulk|junk|list|auto)/i.test(v)) === true ||
    headers['x-auto-response-suppress']?.some((v) => /\b(all|oof|autoreply)\b/i.test(v)) === true
  );
}

function short(value: string): string {
  return value.slice(0, MAX_VALUE_IN_REASON);
}
