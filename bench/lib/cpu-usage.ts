// Where the machine's CPU went during a measurement: the daemon's own (from /proc/PID/stat) and the
// whole machine's (from /proc/stat). The mail servers share the machine's cores with the daemon,
// so a throughput figure is only read right beside these: when the machine is busy all through,
// the pipeline can go faster only by costing less CPU per complaint, not by waiting less.
import { cpus } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';

// Linux reports process and machine times in clock ticks; USER_HZ is 100 on every Linux build.
const TICK_MS = 10;

export interface CpuSample {
  /** The process's user + system time, ms. */
  processMs: number;
  /** Every process's CPU time so far, ms, by pid (with its command name). */
  processes: Map<number, { name: string; ms: number }>;
  /** All cores together: busy and idle time, ms. */
  machineBusyMs: number;
  machineIdleMs: number;
}

export interface CpuUsage {
  cores: number;
  /** The busiest commands over the interval (all processes of a name together), CPU ms; processes that ended meanwhile are not seen. */
  by_command: Record<string, number>;
  /** Share of all cores busy over the interval, 0..1. */
  machine_busy: number;
  daemon_cpu_ms: number;
  /** Everything else busy meanwhile: the mail servers, the bench's own clients, the kernel. */
  others_cpu_ms: number;
}

/** A process's command name and user + system CPU time in ms, from /proc/PID/stat. */
function processCpu(pid: number | string): { name: string; ms: number } | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name may hold spaces, so the fields are split after its closing paren; utime and stime are the 14th and 15th fields.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS };
}

export function sampleCpu(pid: number): CpuSample {
  const processes = new Map<number, { name: string; ms: number }>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const p = processCpu(entry);
    if (p) processes.set(Number(entry), p);
  }
  const cpu = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user).
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = cpu;
  return { processMs: processCpu(pid)?.ms ?? 0, processes, machineBusyMs: (user + nice + system + irq + softirq + steal) * TICK_MS, machineIdleMs: (idle + iowait) * TICK_MS };
}

export function cpuBetween(before: CpuSample, after: CpuSample): CpuUsage {
  const busy = after.machineBusyMs - before.machineBusyMs;
  const idle = after.machineIdleMs - before.machineIdleMs;
  const daemon = after.processMs - before.processMs;
  const byName = new Map<string, number>();
  for (const [pid, p] of after.processes) byName.set(p.name, (byName.get(p.name) ?? 0) + p.ms - (before.processes.get(pid)?.ms ?? 0));
  const busiest = [...byName].filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1]).slice(0, 8);
  return {
    cores: cpus().length, by_command: Object.fromEntries(busiest),
    machine_busy: busy + idle > 0 ? Math.round((busy / (busy + idle)) * 1000) / 1000 : 0, daemon_cpu_ms: daemon, others_cpu_ms: Math.max(0, busy - daemon),
  };
}
