import { readFileSync } from 'node:fs';

/**
 * How busy the machine's cores were between two moments, from /proc/stat (every program on the
 * machine, not only ours): saturation is what decides whether more processes can add anything.
 */
export interface CpuMark {
  readonly busy: number;
  readonly total: number;
}

/** The machine's cumulative CPU time now (jiffies; zeros where /proc/stat is unavailable). */
export function cpuMark(): CpuMark {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const idleAll = idle! + iowait!;
    const busy = user! + nice! + system! + irq! + softirq! + steal!;
    return { busy, total: busy + idleAll };
  } catch {
    return { busy: 0, total: 0 };
  }
}

/** Share of all cores busy since `mark` (0–1; NaN where /proc/stat is unavailable). */
export function busySince(mark: CpuMark): number {
  const now = cpuMark();
  const total = now.total - mark.total;
  return total > 0 ? (now.busy - mark.busy) / total : Number.NaN;
}

/** CPU seconds (user + system) a process has used so far, from /proc (0 when gone or unavailable). */
export function processCpu(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds used by `pids` together (see processCpu). */
export function processesCpu(pids: Iterable<number>): number {
  let seconds = 0;
  for (const pid of pids) seconds += processCpu(pid);
  return seconds;
}
