// Where the machine's CPU went during a measurement: the daemon's own (from /proc/PID/stat) and the
// whole machine's (from /proc/stat). The mail servers share the machine's cores with the daemon,
// so a throughput figure is only read right beside these: when the machine is busy all through,
// the pipeline can go faster only by costing less CPU per complaint, not by waiting less.
import { cpus } from 'node:os';
import { readFileSync } from 'node:fs';

// Linux reports process and machine times in clock ticks; USER_HZ is 100 on every Linux build.
const TICK_MS = 10;

export interface CpuSample {
  /** The process's user + system time, ms. */
  processMs: number;
  /** All cores together: busy and idle time, ms. */
  machineBusyMs: number;
  machineIdleMs: number;
}

export interface CpuUsage {
  cores: number;
  /** Share of all cores busy over the interval, 0..1. */
  machine_busy: number;
  daemon_cpu_ms: number;
  /** Everything else busy meanwhile: the mail servers, the bench's own clients, the kernel. */
  others_cpu_ms: number;
}

export function sampleCpu(pid: number): CpuSample {
  // Fields after the command name (which may hold spaces, so split after its closing paren): utime is the 14th field.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const processMs = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  const cpu = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user).
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = cpu;
  return { processMs, machineBusyMs: (user + nice + system + irq + softirq + steal) * TICK_MS, machineIdleMs: (idle + iowait) * TICK_MS };
}

export function cpuBetween(before: CpuSample, after: CpuSample): CpuUsage {
  const busy = after.machineBusyMs - before.machineBusyMs;
  const idle = after.machineIdleMs - before.machineIdleMs;
  const daemon = after.processMs - before.processMs;
  return { cores: cpus().length, machine_busy: busy + idle > 0 ? Math.round((busy / (busy + idle)) * 1000) / 1000 : 0, daemon_cpu_ms: daemon, others_cpu_ms: Math.max(0, busy - daemon) };
}
