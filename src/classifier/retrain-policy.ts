// Pure decisions of retraining: is a retrain due, which staff labels are held out to judge it, and
// does the new model replace the live one. Each answer comes with the sentence the run records, so
// staff can read why the model changed, or why it did not.
import type { RetrainTrigger } from '../store/classifier-run-repo';

export interface RetrainPolicy {
  /** Staff labels since the last run that make a retrain due; 0 turns the count rule off. */
  afterNewLabels: number;
  /** Time since the last run after which any new label makes a retrain due; null turns it off. */
  everyMs: number | null;
}

export type RetrainDecision = { due: true; trigger: RetrainTrigger; reason: string } | { due: false; reason: string };

const HOUR_MS = 3_600_000;

/** "12h", "7d" -> milliseconds; "" -> null (never). The config schema admits nothing else. */
export function parseInterval(text: string): number | null {
  const match = /^(\d+)([hd])$/.exec(text);
  if (match === null) {
    if (text === '') return null;
    throw new RangeError(`not an interval: "${text}" (expected e.g. "12h" or "7d")`);
  }
  return Number(match[1]) * (match[2] === 'd' ? 24 : 1) * HOUR_MS;
}

export function shouldRetrain(
  state: { now: Date; lastRunAt: string | null; newLabels: number; force: boolean },
  policy: RetrainPolicy,
): RetrainDecision {
  if (state.force) return { due: true, trigger: 'manual', reason: `asked for, with ${state.newLabels} new staff labels` };
  const since = state.lastRunAt === null ? 'so far (no run yet)' : `since the last run at ${state.lastRunAt}`;
  if (state.newLabels === 0) return { due: false, reason: `no new staff labels ${since}` };
  const trigger = (usual: RetrainTrigger): RetrainTrigger => (state.lastRunAt === null ? 'first' : usual);
  if (policy.afterNewLabels > 0 && state.newLabels >= policy.afterNewLabels) {
    return { due: true, trigger: trigger('labels'), reason: `${state.newLabels} new staff labels ${since} (retrain after ${policy.afterNewLabels})` };
  }
  // Before any run, the schedule alone would train a first model on a handful of labels: the count
  // rule decides then, unless it is off.
  const elapsed = state.lastRunAt !== null ? state.now.getTime() - Date.parse(state.lastRunAt) : policy.afterNewLabels > 0 ? 0 : Infinity;
  if (policy.everyMs !== null && elapsed >= policy.everyMs) {
    return { due: true, trigger: trigger('schedule'), reason: `${state.newLabels} new staff labels and ${Math.floor(elapsed / HOUR_MS)} h ${since}` };
  }
  const count = policy.afterNewLabels > 0 ? ` of the ${policy.afterNewLabels} that make a retrain due` : '';
  const next = policy.everyMs === null || state.lastRunAt === null ? '' : `; next scheduled at ${new Date(Date.parse(state.lastRunAt) + policy.everyMs).toISOString()}`;
  return { due: false, reason: `${state.newLabels} new staff labels ${since}${count}${next}` };
}

/**
 * Whether a staff-labelled case belongs to the held-out slice. Decided by its id alone, so a case
 * held out once stays held out in every later run: the live model never trained on the texts it
 * is compared on, which a fresh random split each run could not promise.
 */
export function isHeldOutCase(caseId: number, share: number): boolean {
  // murmur3's finaliser: neighbouring ids land far apart.
  let h = caseId >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296 < share;
}

export interface Comparison {
  heldOut: number;
  /** False when there is none, or it cannot be read. */
  hasLiveModel: boolean;
  /** Both null when there were no held-out labels to score. */
  newMacroF1: number | null;
  liveMacroF1: number | null;
}

export function shouldReplaceLiveModel(c: Comparison, rule: { minHeldOutLabels: number; tolerance: number }): { accepted: boolean; reason: string } {
  const f1 = (x: number) => x.toFixed(3);
  if (!c.hasLiveModel) {
    const scored = c.newMacroF1 === null ? 'no held-out labels to score it yet' : `held-out macro-F1 ${f1(c.newMacroF1)} on ${c.heldOut} labels`;
    return { accepted: true, reason: `no live model to compare with; ${scored}` };
  }
  if (c.newMacroF1 === null || c.liveMacroF1 === null || c.heldOut < rule.minHeldOutLabels) {
    return {
      accepted: false,
      reason: `only ${c.heldOut} held-out staff labels (minHeldOutLabels ${rule.minHeldOutLabels}): too few to tell the new model from the live one; keeping the live model`,
    };
  }
  const slack = rule.tolerance > 0 ? ` - ${f1(rule.tolerance)} tolerance` : '';
  if (c.newMacroF1 >= c.liveMacroF1 - rule.tolerance) {
    return { accepted: true, reason: `held-out macro-F1 ${f1(c.newMacroF1)} >= live ${f1(c.liveMacroF1)}${slack} on ${c.heldOut} labels` };
  }
  return { accepted: false, reason: `held-out macro-F1 ${f1(c.newMacroF1)} < live ${f1(c.liveMacroF1)}${slack} on ${c.heldOut} labels; keeping the live model` };
}
