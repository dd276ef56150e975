// The priorities a case can have; categories set a default and rules may override it, and both files
// must agree on the same closed list so a typo ("hihg") is an error rather than a new priority.

export const CASE_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

export type CasePriority = (typeof CASE_PRIORITIES)[number];
