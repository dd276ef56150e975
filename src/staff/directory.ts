// Who the staff are: the members listed in config under `staff.members`, joined with the departments of
// categories.yaml. Being in this directory is the first condition for a letter to act as staff, so
// lookups are by normalised address and the cross-check reports every inconsistency at start.
import { z } from 'zod';
import { normalizeAddress } from '../mail/addresses';
import { LOCALES, type Locale } from '../templates/localized-text';
import type { CategorySet, Department } from '../rules/categories';

export const STAFF_ROLES = ['agent', 'supervisor', 'admin'] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffMember {
  /** Lower-cased bare address: the key every lookup uses. */
  readonly address: string;
  readonly name: string;
  readonly role: StaffRole;
  /** A department id from categories.yaml; null for someone who is in none (an admin, say). */
  readonly department: string | null;
  /** The language of the letters this member gets (confirmations, errors, announcements). */
  readonly locale: Locale;
}

/** An address as the directory keys it: mail/addresses' rule, so a From compares equal. */
export const staffAddressSchema = z.string().transform((value, ctx) => {
  const address = normalizeAddress(value);
  if (address) return address;
  ctx.addIssue({ code: 'custom', message: 'must be an e-mail address' });
  return z.NEVER;
});

export const staffMemberSchema = z.strictObject({
  address: staffAddressSchema,
  name: z.string().min(1),
  role: z.enum(STAFF_ROLES),
  department: z.string().min(1).nullable().default(null),
  // Russian-first, like the organisation's default letters.
  locale: z.enum(LOCALES).default('ru'),
});

export interface StaffDirectory {
  /** In config order: routing breaks ties by it. */
  readonly members: readonly StaffMember[];
  byAddress(address: string): StaffMember | null;
  inDepartment(departmentId: string): StaffMember[];
  /** The department's `supervisor`, else its first member with role supervisor; null when neither. */
  supervisorOf(departmentId: string): StaffMember | null;
  /** Admins anywhere; supervisors for their own department, or anywhere when the case has none. */
  canApprove(member: StaffMember, departmentId: string | null): boolean;
}

export interface DirectoryProblem {
  /** Where to fix it, e.g. `staff.members[2].department` or `departments[logistics].supervisor`. */
  key: string;
  message: string;
}

export function buildDirectory(members: readonly StaffMember[], departments: ReadonlyMap<string, Department>): StaffDirectory {
  const byAddress = new Map<string, StaffMember>();
  // A duplicate is reported by checkDirectory; the first entry is the one that counts.
  for (const m of members) if (!byAddress.has(m.address)) byAddress.set(m.address, m);
  const lookup = (address: string): StaffMember | null => {
    const key = normalizeAddress(address);
    return key ? byAddress.get(key) ?? null : null;
  };
  const inDepartment = (id: string): StaffMember[] => [...byAddress.values()].filter((m) => m.department === id);
  const supervisorOf = (id: string): StaffMember | null => {
    const named = departments.get(id)?.supervisor;
    if (named) {
      const member = lookup(named);
      return member && isSupervisorRole(member.role) ? member : null;
    }
    return inDepartment(id).find((m) => m.role === 'supervisor') ?? null;
  };
  return Object.freeze({
    members: Object.freeze([...members]),
    byAddress: lookup,
    inDepartment,
    supervisorOf,
    canApprove(member: StaffMember, departmentId: string | null): boolean {
      if (member.role === 'admin') return true;
      if (member.role !== 'supervisor') return false;
      if (departmentId === null) return true;
      return member.department === departmentId || supervisorOf(departmentId)?.address === member.address;
    },
  });
}

/** Problems config validation cannot see alone, because they join the directory with categories.yaml. */
export function checkDirectory(directory: StaffDirectory, categories: CategorySet): DirectoryProblem[] {
  const problems: DirectoryProblem[] = [];
  const seen = new Map<string, number>();
  directory.members.forEach((m, i) => {
    const key = `staff.members[${i}]`;
    const first = seen.get(m.address);
    if (first !== undefined) problems.push({ key: `${key}.address`, message: `duplicate address ${m.address} (also staff.members[${first}])` });
    else seen.set(m.address, i);
    if (m.department !== null && !categories.departments.has(m.department)) {
      problems.push({ key: `${key}.department`, message: `unknown department "${m.department}"; known: ${[...categories.departments.keys()].join(', ')}` });
    }
  });
  for (const d of categories.departments.values()) {
    if (!d.supervisor) continue;
    const member = directory.byAddress(d.supervisor);
    const key = `departments[${d.id}].supervisor`;
    if (!member) problems.push({ key, message: `${d.supervisor} is not in staff.members` });
    else if (!isSupervisorRole(member.role)) problems.push({ key, message: `${d.supervisor} has role ${member.role}; a supervisor needs role supervisor or admin` });
  }
  return problems;
}

function isSupervisorRole(role: StaffRole): boolean {
  return role === 'supervisor' || role === 'admin';
}
