// The readable summary of an end-to-end bench run, beside its JSON.
import type { LatencyResult } from './e2e-latency';
import type { ScalingPoint } from './e2e-scaling';
import type { LimitResult, ThroughputResult } from './e2e-throughput';

export interface E2eResult {
  bench: 'e2e';
  store: string;
  started_at: string;
  node: string;
  throughput?: { throughput: ThroughputResult; limit: LimitResult; share_of_limit: number; share_of_delivered_limit: number };
  latency?: LatencyResult & { peak_rss_mb: number; mail_stack_one_transit: LatencyResult };
  scaling?: { points: ScalingPoint[]; spread_vs_first: number };
}

/** CPU seconds by command name, busiest first as measured. */
function byCommand(ms: Record<string, number>): string {
  return Object.entries(ms).map(([name, v]) => `${name} ${(v / 1000).toFixed(1)}`).join(', ');
}

export function summary(r: E2eResult): string {
  const lines = [`complaintd end-to-end bench (${r.store}, node ${r.node}, ${r.started_at})`];
  if (r.throughput) {
    const { throughput: t, limit: m } = r.throughput;
    lines.push(
      `throughput   ${t.messages} messages in ${t.seconds} s (submitted in ${t.submit_seconds} s): ${t.complaints_per_s} complaints/s, ${t.letters} letters sent`,
      ...(t.lists_waiting > 0 ? [`             then ${t.lists_waiting} staff lists of new cases waiting by design (staff.announcements.batchSeconds): ${t.lists_sent} letters ${t.lists_sent_after_seconds} s later`] : []),
      `limit        fetch+parse ${m.fetch_parse_msgs_per_s} msgs/s; Postfix ${m.smtp_transits_per_s} transits/s at ${m.smtp_transits_per_complaint} per complaint = ${m.smtp_complaints_per_s} complaints/s; limit ${m.complaints_per_s} complaints/s`,
      `             while Postfix alone ran: machine ${(m.smtp_machine_busy * 100).toFixed(0)} % busy, the mail stack ${m.smtp_stack_cpu_ms_per_transit} ms CPU per transit, the submitting client ${m.smtp_client_cpu_ms_per_transit} ms`,
      `             by command (CPU s): ${byCommand(m.smtp_by_command)}`,
      `             until Postfix had delivered them all too: ${m.delivered_seconds} s = ${m.delivered_complaints_per_s} complaints/s, the mail stack ${m.delivered_stack_cpu_ms_per_transit} ms CPU per transit`,
      `             by command (CPU s): ${byCommand(m.delivered_by_command)}`,
      `share        ${(r.throughput.share_of_limit * 100).toFixed(1)} % of the limit (target >= 70 %); ${(r.throughput.share_of_delivered_limit * 100).toFixed(1)} % of the limit counting deliveries`,
      `memory       peak RSS ${t.peak_rss_mb} MB during the throughput run (target < 250 MB)`,
      `cpu          machine ${(t.cpu.machine_busy * 100).toFixed(0)} % busy (${t.cpu.cores} cores); per complaint the daemon ${t.cpu.daemon_ms_per_complaint} ms, everything else ${t.cpu.others_ms_per_complaint} ms`,
      `             by command (CPU s): ${byCommand(t.cpu.by_command)}`,
    );
  }
  const l = r.latency;
  if (l) {
    const m = l.mail_stack_one_transit;
    lines.push(
      `latency      ${l.rate_per_s}/s, ${l.acknowledged}/${l.sent} acknowledged: p50 ${l.p50_ms} ms, p95 ${l.p95_ms} ms, p99 ${l.p99_ms} ms, max ${l.max_ms} ms (targets p50 < 400, p99 < 1000)`,
      `             the mail stack alone, one transit: p50 ${m.p50_ms} ms, p95 ${m.p95_ms} ms, p99 ${m.p99_ms} ms (the daemon's letters make two)`,
    );
  }
  const s = r.scaling;
  if (s) lines.push(`scaling      ${s.points.map((p) => `${p.existing_cases} cases: ${p.ms_per_message} ms/msg`).join('; ')}; spread ${(s.spread_vs_first * 100).toFixed(1)} % (target within 20 %)`);
  return lines.join('\n');
}
