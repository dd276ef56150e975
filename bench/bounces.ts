// How well classifyAutomatedMail recognises bounces, auto-replies and other automated mail on a
// folder of real messages: every .eml under DIR is parsed with our own parseMessage (failures are
// counted apart) and classified; counts per file-name family, agreement with the family's expected
// kind (sisimai's naming), and for bounces the address, Message-ID and Final-Recipient checks.
// Usage: npm run bench:bounces -- --data DIR [--mismatches] [--family NAME]. JSON on stdout.
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Command } from 'commander';
import { classifyAutomatedMail } from '../src/mail/bounce';
import { UnparseableMessageError } from '../src/mail/errors';
import { parseMessage, type ParseLimits } from '../src/mail/parse';
import { addResult, emptyTally, expectedKind, familyOf, recipientFields, returnedMessageIds, sumTallies, type FamilyTally, type Mismatch } from './lib/bounce-tally';

// The daemon's defaults (config/default.yaml), so a message too big here is too big in production.
const LIMITS: ParseLimits = { maxMessageBytes: 25 * 1024 * 1024, maxAttachmentBytes: 10 * 1024 * 1024 };

async function emlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.eml')).map((e) => join(e.parentPath, e.name)).sort();
}

/** sisimai's MTA and host families grouped ("lhost-exim" -> "lhost"), for a short overview. */
function groupOf(family: string): string {
  return /^(lhost|rhost)-/.test(family) ? family.slice(0, 5) : family;
}

async function main(argv: string[]): Promise<void> {
  const opts = new Command()
    .requiredOption('--data <dir>', 'folder of .eml files (searched recursively)')
    .option('--mismatches', 'list every file whose kind differs from its family expectation')
    .option('--family <name>', 'only files of this family')
    .parse(argv)
    .opts<{ data: string; mismatches?: boolean; family?: string }>();
  const families = new Map<string, FamilyTally>();
  const mismatches: Mismatch[] = [];
  const unparseable: Array<{ file: string; reason: string }> = [];
  let classifyMs = 0;
  let classified = 0;
  for (const path of await emlFiles(opts.data)) {
    const file = relative(opts.data, path);
    const family = familyOf(file);
    if (opts.family !== undefined && family !== opts.family) continue;
    const raw = await readFile(path);
    let parsed;
    try {
      parsed = await parseMessage(raw, LIMITS);
    } catch (err) {
      if (!(err instanceof UnparseableMessageError)) throw err;
      unparseable.push({ file, reason: err.message });
      continue;
    }
    const start = performance.now();
    const result = classifyAutomatedMail(parsed, raw);
    classifyMs += performance.now() - start;
    classified++;
    const tally = families.get(family) ?? emptyTally(expectedKind(family));
    families.set(family, tally);
    const mismatch = addResult(tally, file, result, { recipients: recipientFields(raw), messageIds: returnedMessageIds(raw) });
    if (mismatch) mismatches.push(mismatch);
  }
  const sorted = [...families.entries()].sort(([a], [b]) => a.localeCompare(b));
  const groups = new Map<string, FamilyTally[]>();
  for (const [family, tally] of sorted) groups.set(groupOf(family), [...(groups.get(groupOf(family)) ?? []), tally]);
  const withExpectation = sorted.filter(([, t]) => t.expected !== null);
  const output = {
    data: opts.data,
    files: classified + unparseable.length,
    classified,
    unparseable: unparseable.length,
    classifyMsPerMessage: classified > 0 ? Number((classifyMs / classified).toFixed(3)) : null,
    overall: sumTallies(sorted.map(([, t]) => t)),
    withFamilyExpectation: sumTallies(withExpectation.map(([, t]) => t)),
    groups: Object.fromEntries([...groups.entries()].map(([group, tallies]) => [group, sumTallies(tallies)])),
    families: Object.fromEntries(sorted),
    unparseableFiles: unparseable,
    ...(opts.mismatches ? { mismatches } : { mismatchCount: mismatches.length }),
  };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
}

main(process.argv).catch((err) => {
  process.stderr.write(`bench:bounces: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
