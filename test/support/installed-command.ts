// The installed command, bin/complaintd.js, as the tests and the bench start it: its path, and the
// node flags its first line (`#!/usr/bin/env -S node --flag=value ...`) starts node with.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const INSTALLED_COMMAND = path.resolve(__dirname, '../../bin/complaintd.js');

/** The node flags on the command's first line; empty when it names none. */
export function commandNodeFlags(bin: string = INSTALLED_COMMAND): string[] {
  const line = readFileSync(bin, 'utf8').split('\n')[0] ?? '';
  return /^#!\/usr\/bin\/env -S node((?: --[\w-]+=\S+)*)$/.exec(line)?.[1]?.trim().split(' ').filter(Boolean) ?? [];
}
