// What a message over mail.maxMessageBytes gets: a case registered from its headers, or a letter
// that says how to send it again. Either way it is kept in the mailbox and staff are alerted.
export const TOO_LARGE_POLICIES = ['registered', 'too-large'] as const;
export type TooLargePolicy = (typeof TOO_LARGE_POLICIES)[number];
