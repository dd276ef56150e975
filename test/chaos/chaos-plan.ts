// What a chaos run does and when, drawn from its seed alone: the kind of every message, after which
// message the daemon is killed, when Dovecot and Postfix restart and when SMTP refuses mail. The same
// seed gives the same plan, so a failing run can be repeated (timing on a busy machine still varies).
import { seededRandom, type Random } from '../../src/classifier/seeded-random';

export type Slot = 'complaint' | 'follow_up' | 'auto_reply' | 'bounce' | 'malformed' | 'redelivery';

export interface ChaosOptions {
  seed: number;
  messages: number;
  /** SIGKILLs of the daemon; about a third of them fall after the last message, while it drains. */
  kills: number;
  /** Restart Dovecot once and Postfix once, and let SMTP refuse mail (450) for a stretch. */
  outages: boolean;
}

export interface ChaosPlan {
  slots: Slot[];
  /** Kill after appending message i (sorted); i === messages means while draining. */
  killsAfter: number[];
  /** Milliseconds to wait before each kill, so it lands at a different point of the daemon's work. */
  killDelaysMs: number[];
  restartDovecotAfter: number | null;
  restartPostfixAfter: number | null;
  /** SMTP answers 450 from after message `from` for `forMs`. */
  refuse: { from: number; forMs: number } | null;
  random: Random;
}

// Weights of each kind of message, out of 100.
const MIX: Array<[Slot, number]> = [['complaint', 55], ['follow_up', 20], ['auto_reply', 8], ['bounce', 6], ['malformed', 5], ['redelivery', 6]];

export function planChaos(o: ChaosOptions): ChaosPlan {
  const random = seededRandom(o.seed);
  const slots = Array.from({ length: o.messages }, (_, i) => (i < 5 ? 'complaint' : drawSlot(random)));
  const drainKills = o.kills >= 2 ? Math.max(1, Math.round(o.kills / 3)) : 0;
  const killsAfter: number[] = [];
  while (killsAfter.length < o.kills - drainKills) {
    const at = 5 + Math.floor(random() * Math.max(1, o.messages - 5));
    if (!killsAfter.includes(at)) killsAfter.push(at);
  }
  killsAfter.sort((a, b) => a - b);
  for (let i = 0; i < drainKills; i++) killsAfter.push(o.messages);
  const killDelaysMs = killsAfter.map((at) => Math.round((at === o.messages ? 500 : 0) + random() * 2500));
  const at = (fraction: number): number => Math.min(o.messages - 1, Math.floor(o.messages * fraction));
  return {
    slots, killsAfter, killDelaysMs, random,
    restartDovecotAfter: o.outages ? at(0.3 + random() * 0.1) : null,
    restartPostfixAfter: o.outages ? at(0.5 + random() * 0.1) : null,
    refuse: o.outages ? { from: at(0.6 + random() * 0.1), forMs: Math.round(3000 + random() * 5000) } : null,
  };
}

function drawSlot(random: Random): Slot {
  let n = random() * 100;
  for (const [slot, weight] of MIX) {
    if (n < weight) return slot;
    n -= weight;
  }
  return 'complaint';
}
