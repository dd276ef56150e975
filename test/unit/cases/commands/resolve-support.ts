// The resolver's test context: the staff tests' directory and categories, a case in progress in
// refunds, and a stand-in for the deadline parser another module provides.
import { parseStaffReply } from '../../../../src/cases/commands/parse-commands';
import { resolveStaffReply, type ResolveContext, type ResolveResult } from '../../../../src/cases/commands/resolve-commands';
import type { ParseDeadline } from '../../../../src/cases/commands/resolve-arguments';
import type { StaffMember } from '../../../../src/staff/directory';
import { agent, categories, directory } from '../../staff/members';

export const NOW = new Date('2026-03-02T09:00:00Z');
export const DAY = 86_400_000;

// A stand-in for deadlines/ parseDeadlineArgument: ISO dates, "+Nd" and "+N рабочих дней" (as N days).
const parseDeadline: ParseDeadline = (text) => {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { ok: true, at: new Date(`${text}T00:00:00Z`) };
  const m = /^\+(\d+)(?:d| рабочих дней)$/.exec(text);
  if (m) return { ok: true, at: new Date(NOW.getTime() + Number(m[1]) * DAY) };
  return { ok: false, message: { en: `"${text}" is not a deadline`, ru: `«${text}» — не срок` } };
};

export function context(parts: Partial<ResolveContext> = {}): ResolveContext {
  return {
    categories: [...categories.categories.values()],
    departments: [...categories.departments.values()],
    directory,
    sender: agent,
    caseNumberFormat: { prefix: 'CMP', digits: 6 },
    kase: { number: 'CMP-2026-000007', status: 'in_progress', department: 'refunds' },
    requireApproval: ['rejected'],
    now: NOW,
    parseDeadline,
    ...parts,
  };
}

export function resolve(text: string, parts: Partial<ResolveContext> = {}): ResolveResult {
  return resolveStaffReply(parseStaffReply(text), context(parts));
}

export function actionsOf(text: string, parts: Partial<ResolveContext> = {}): unknown[] {
  const r = resolve(text, parts);
  if (!r.ok) throw new Error(`expected actions, got errors: ${JSON.stringify(r.errors)}`);
  return r.actions;
}

export function errorsOf(text: string, parts: Partial<ResolveContext> = {}): Array<{ line: number; en: string; ru: string }> {
  const r = resolve(text, parts);
  if (r.ok) throw new Error(`expected errors, got actions: ${JSON.stringify(r.actions)}`);
  return r.errors.map((e) => ({ line: e.line, en: e.message.en, ru: e.message.ru }));
}

export const by = (sender: StaffMember, status: ResolveContext['kase']['status'] = 'in_progress', department: string | null = 'refunds'): Partial<ResolveContext> =>
  ({ sender, kase: { number: 'CMP-2026-000007', status, department } });

