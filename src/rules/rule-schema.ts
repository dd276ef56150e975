// The shape of a rules file as an admin writes it (snake_case keys, plain strings), checked strictly
// so a mistyped key is reported instead of silently ignored; compile-rule.ts turns it into a Rule.
import { z } from 'zod';
import { CASE_PRIORITIES } from './case-priority';
import { KEBAB_ID } from './categories';

/** subject | body | text (subject + body) | from | from_domain | attachment | header:<Name> */
export const FIELD = /^(?:subject|body|text|from|from_domain|attachment|header:[A-Za-z0-9-]+)$/;

const conditionSchema = z
  .strictObject({
    field: z
      .string()
      .regex(FIELD, { error: 'field must be subject, body, text, from, from_domain, attachment or header:<Name>' })
      .default('text'),
    keywords: z.array(z.string().min(1)).min(1).optional(),
    regex: z.string().min(1).optional(),
  })
  .refine((c) => (c.keywords === undefined) !== (c.regex === undefined), {
    error: 'a condition has exactly one of "keywords" or "regex"',
  });

export type RawCondition = z.infer<typeof conditionSchema>;

const exampleObjectSchema = z
  .strictObject({
    subject: z.string().optional(),
    body: z.string().optional(),
    from: z.string().optional(),
    headers: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
    attachments: z.array(z.string()).optional(),
  })
  .refine((e) => Object.values(e).some((v) => v !== undefined), {
    error: 'an example needs at least one of subject, body, from, headers, attachments',
    // An unknown key already explains an empty-looking example; saying both confuses.
    when: (payload) => payload.issues.length === 0,
  });

/** A plain string example is the body of a message with no subject. */
const exampleSchema = z.preprocess((v) => (typeof v === 'string' ? { body: v } : v), exampleObjectSchema);

export type RawExample = z.infer<typeof exampleObjectSchema>;

const conditions = z.array(conditionSchema).min(1).optional();

export const ruleSchema = z
  .strictObject({
    id: z.string().regex(KEBAB_ID, { error: 'must be a kebab-case id such as "refund-ru"' }),
    description: z.string().min(1),
    category: z.string().min(1),
    precedence: z.int().default(0),
    priority: z.enum(CASE_PRIORITIES).optional(),
    department: z.string().min(1).optional(),
    deadline_days: z.int().positive().optional(),
    any: conditions,
    all: conditions,
    none: conditions,
    examples: z.array(exampleSchema).min(1, { error: 'every rule needs at least one example' }),
    counter_examples: z.array(exampleSchema).default([]),
  })
  .refine((r) => r.any !== undefined || r.all !== undefined, {
    error: 'a rule needs "any" or "all" conditions ("none" alone would match almost everything)',
  });

export type RawRule = z.infer<typeof ruleSchema>;

/** Rules are validated one by one (ruleSchema), so one broken rule does not hide its neighbours' problems. */
export const ruleFileSchema = z.strictObject({ rules: z.array(z.unknown()).default([]) });
