// The shape of one config/quoting/*.yaml file as admins write it. Strict objects, so a mistyped key
// is reported instead of ignored; what the values mean is checked when they are compiled.
import { z } from 'zod';

export const HEADER_ROLES = ['from', 'date', 'to', 'cc', 'subject', 'reply_to'] as const;
export type HeaderRole = (typeof HEADER_ROLES)[number];

export const HTML_MARKER_KINDS = ['quote', 'history', 'rule', 'signature'] as const;
export type HtmlMarkerKind = (typeof HTML_MARKER_KINDS)[number];

const text = z.string().trim().min(1);

export const linePatternSchema = z.strictObject({ example: text, regex: text, requires_contact: z.boolean().optional() });

export const htmlMarkerSchema = z.strictObject({ selector: text, kind: z.enum(HTML_MARKER_KINDS) });

const headerFields = Object.fromEntries(HEADER_ROLES.map((role) => [role, z.array(text).optional()]));

/** List items are validated one by one (see quoting-patterns.ts), so one bad item hides no other. */
export const quotingFileSchema = z.strictObject({
  attribution: z.array(z.unknown()).optional(),
  separators: z.array(z.unknown()).optional(),
  header_fields: z.strictObject(headerFields as Record<HeaderRole, z.ZodOptional<z.ZodArray<typeof text>>>).optional(),
  signature_separators: z.array(z.unknown()).optional(),
  sign_offs: z.array(z.unknown()).optional(),
  mobile_signatures: z.array(z.unknown()).optional(),
  html_markers: z.array(z.unknown()).optional(),
  thanks: z
    .strictObject({
      max_length: z.int().positive().optional(),
      phrases: z.array(text).optional(),
      extras: z.array(text).optional(),
    })
    .optional(),
});

export type QuotingFile = z.infer<typeof quotingFileSchema>;

/** The keys whose items are a regular expression checked against its example ("requires_contact" only for signature_separators). */
export const LINE_PATTERN_KEYS = ['attribution', 'separators', 'signature_separators', 'sign_offs', 'mobile_signatures'] as const;
export type LinePatternKey = (typeof LINE_PATTERN_KEYS)[number];
