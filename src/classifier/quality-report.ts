// Renders the model's quality over time and the categories staff correct most, for `classifier
// info` (the KPI report will render the same data its own way): is the model getting better as
// staff label cases, and which causes do the rules and the model keep missing.
import type { ClassifierRun } from '../store/classifier-run-repo';
import type { CorrectedCategory } from '../store/staff-label-repo';

const score = (x: number | null): string => (x === null ? '  -  ' : x.toFixed(3));

export function formatQualityHistory(runs: ClassifierRun[]): string[] {
  if (runs.length === 0) return ['retrains: none yet'];
  const lines = [`retrains (${runs.length}, oldest first; F1 on held-out staff labels):`, '  date                  trigger   train  held-out  F1     live   verdict'];
  for (const run of runs) {
    lines.push(
      `  ${run.startedAt.slice(0, 19).replace('T', ' ')}   ${run.trigger.padEnd(8)} ${String(run.trainExamples).padStart(6)}  ${String(run.heldOut).padStart(8)}  ${score(run.macroF1)}  ${score(run.liveMacroF1)}  ${run.accepted ? 'replaced the live model' : 'kept the live model'}`,
    );
  }
  const last = runs[runs.length - 1]!;
  lines.push(`  last run: ${last.reason}`);
  if (last.perClassF1 !== null) {
    const perClass = Object.entries(last.perClassF1).sort((a, b) => a[1] - b[1]);
    lines.push('  per category, last run (weakest first):', ...perClass.map(([category, f1]) => `    ${f1.toFixed(3)}  ${category}`));
  }
  return lines;
}

export function formatCorrections(corrections: CorrectedCategory[], range: { from: string; to: string }): string[] {
  const span = `${range.from.slice(0, 10)} to ${range.to.slice(0, 10)}`;
  if (corrections.length === 0) return [`staff corrections ${span}: none`];
  const lines = [`categories staff corrected to most often, ${span} (the causes missed):`];
  for (const c of corrections) {
    const previous = c.previous.map((p) => `${p.category ?? 'none'} ${p.count}`).join(', ');
    const decidedBy = Object.entries(c.decidedBy).map(([source, n]) => `${source} ${n}`).join(', ');
    lines.push(`  ${String(c.corrections).padStart(5)}  ${c.category}  (was ${previous}; decided by ${decidedBy})`);
  }
  return lines;
}
