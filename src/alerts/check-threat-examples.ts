// Pure: runs every threat group's examples, making the examples in config/alerts/threats.yaml an
// executable specification, as rule files' are. An example passes when its own group finds a threat
// in it; a counter-example passes when its own group finds none (other groups may).
import { detectThreats } from './threats';
import type { ThreatExample, ThreatGroup } from './threats';

export interface ThreatExampleFailure {
  group: string;
  kind: 'example' | 'counter-example';
  file: string;
  line: number;
  /** The example on one line. */
  preview: string;
  /** Why it failed, e.g. "nothing matched" or "matched: подам в суд (пода* в суд)". */
  problem: string;
}

export function checkThreatExamples(group: ThreatGroup): ThreatExampleFailure[] {
  const failures: ThreatExampleFailure[] = [];
  const alone = { file: group.file, groups: [group] };
  const ownThreats = (e: ThreatExample) => detectThreats(e.body, e.subject, alone);
  const fail = (kind: ThreatExampleFailure['kind'], e: ThreatExample, problem: string): void =>
    void failures.push({ group: group.id, kind, file: group.file, line: e.line, preview: `${e.subject} ${e.body}`.replace(/\s+/g, ' ').trim(), problem });
  for (const e of group.examples) {
    if (ownThreats(e).length === 0) fail('example', e, 'nothing matched');
  }
  for (const e of group.counterExamples) {
    const found = ownThreats(e);
    if (found.length > 0) fail('counter-example', e, `matched: ${found.map((t) => `${t.matched} (${t.phrase})`).join(', ')}`);
  }
  return failures;
}
