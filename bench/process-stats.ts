/**
 * CPU time and resident memory of running processes, read from /proc (Linux): a watch samples a process tree
 * while something runs and reports, per process, its peak resident set and the cores it used (CPU time / wall).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on Linux). */
const TICKS = 100;
const SAMPLE_MS = 100;

export interface ProcessFigures {
  pid: number;
  /** `root` for a watched process itself (its name given to the watch), else its command's name (nats-server...). */
  name: string;
  peakRssMb: number;
  cpuSeconds: number;
  /** CPU time over the watch's wall time. */
  cores: number;
}

function cpuSeconds(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return undefined;
  }
}

function statusKb(pid: number, key: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

function nameOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '?';
  }
}

/** The process and its descendants (children of every thread). */
export function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    let tasks: string[] = [];
    try {
      tasks = readdirSync(`/proc/${out[i]}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        for (const c of readFileSync(`/proc/${out[i]}/task/${task}/children`, 'utf8').split(' ')) if (c.trim()) out.push(Number(c));
      } catch {
        // the task ended meanwhile
      }
    }
  }
  return [...new Set(out)];
}

/** Resets the kernel's peak resident set (VmHWM) of a process; false where that is not allowed. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export class ProcessWatch {
  private readonly start = new Map<number, number>();
  private readonly peakKb = new Map<number, number>();
  private readonly hwmReset = new Set<number>();
  private readonly t0 = performance.now();
  private readonly timer: NodeJS.Timeout;
  private readonly roots: number[];

  /** Watches the trees of `roots` (pid → name) from now on (processes they start later are picked up by sampling). */
  constructor(private readonly rootNames: Map<number, string>) {
    this.roots = [...rootNames.keys()];
    for (const pid of this.pids()) this.track(pid);
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
  }

  private pids(): number[] {
    return [...new Set(this.roots.flatMap(processTree))];
  }

  private track(pid: number): void {
    if (this.start.has(pid)) return;
    this.start.set(pid, cpuSeconds(pid) ?? 0);
    if (resetPeak(pid)) this.hwmReset.add(pid);
  }

  private sample(): void {
    for (const pid of this.pids()) {
      this.track(pid);
      const rss = statusKb(pid, 'VmRSS');
      if (rss !== undefined) this.peakKb.set(pid, Math.max(this.peakKb.get(pid) ?? 0, rss));
    }
  }

  /** Stops sampling; figures of every process seen, the peak from the kernel's high-water mark where it was reset. */
  stop(): ProcessFigures[] {
    clearInterval(this.timer);
    this.sample();
    const wall = (performance.now() - this.t0) / 1000;
    return [...this.start.keys()].map((pid) => {
      const hwm = this.hwmReset.has(pid) ? statusKb(pid, 'VmHWM') : undefined;
      const cpu = Math.max(0, (cpuSeconds(pid) ?? this.start.get(pid)!) - this.start.get(pid)!);
      return { pid, name: this.rootNames.get(pid) ?? nameOf(pid), peakRssMb: Math.max(hwm ?? 0, this.peakKb.get(pid) ?? 0) / 1024, cpuSeconds: cpu, cores: cpu / wall };
    });
  }
}
