// How busy the whole machine was over an interval, so that a noisy run (a shared
// CI box, a build next door, a hypervisor stealing time from this VM) can be told
// from a slow server. Linux: /proc/stat, steal included; elsewhere os.cpus(),
// without steal.
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';

export interface CpuShare {
  /** Cores' worth of CPU time every process on the machine used. */
  busyCores: number;
  /** Cores' worth of CPU time the hypervisor gave to other machines (0 off Linux). */
  stealCores: number;
}

interface Counters {
  busy: number;
  steal: number;
  total: number;
}

function procStat(): Counters | undefined {
  let text: string;
  try {
    text = readFileSync('/proc/stat', 'utf8');
  } catch {
    return undefined;
  }
  // cpu  user nice system idle iowait irq softirq steal …
  const [user, nice, system, idle, iowait, irq, softirq, steal] = text
    .slice(0, text.indexOf('\n'))
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  if (steal === undefined) return undefined;
  const busy = user! + nice! + system! + irq! + softirq!;
  return { busy, steal, total: busy + steal + idle! + iowait! };
}

function osCpus(): Counters {
  let busy = 0;
  let total = 0;
  for (const { times: t } of cpus()) {
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, steal: 0, total };
}

const sample = (): Counters => procStat() ?? osCpus();

/** Starts measuring; the returned function gives the machine's CPU use since the start. */
export function startCpuMeter(): () => CpuShare {
  const start = sample();
  return () => {
    const end = sample();
    const total = end.total - start.total;
    const cores = availableParallelism();
    if (total <= 0) return { busyCores: 0, stealCores: 0 };
    return {
      busyCores: ((end.busy - start.busy) / total) * cores,
      stealCores: ((end.steal - start.steal) / total) * cores,
    };
  };
}
