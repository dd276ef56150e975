// Under a flood the daemon allocates fast and most of it is garbage within a message (a parse, a
// letter, a statement's rows). V8 then lets the old generation grow to up to four times what
// survived its last full collection before it collects again, so the peak RSS of a 2,000-message
// flood ranged from 200 to 293 MB between runs while what was alive stayed near 45 MB (a forced
// collection at the peak took the heap from 101 MB to 43 MB). Growing by at most 30 % before the
// next full collection gave 176 to 189 MB in six runs at the same throughput (npm run bench:e2e).
// Unlike the young generation's size (bin/complaintd.js), this flag is read at every collection, so
// it can be set once the process runs; it applies to every thread, the parse thread's too.
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 30;

/** For the daemon's process: full collections come when the heap has grown 30 % past what survived the last one. */
export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
