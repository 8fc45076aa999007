/** The figures a single-process loop of the end-to-end bench prints, and how the bench runs one. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type Format = 'json' | 'csv';

export interface LoopFigures {
  rows: number;
  bytes: number;
  /** Wall time of the loop, dictionaries and model compilation excluded. */
  seconds: number;
  cpuSeconds: number;
  peakRssMb: number;
}

/** The figures of a loop that started at `t0` and `cpu0` (process.cpuUsage()). */
export function loopFigures(rows: number, bytes: number, t0: number, cpu0: NodeJS.CpuUsage): LoopFigures {
  const cpu = process.cpuUsage(cpu0);
  return { rows, bytes, seconds: (performance.now() - t0) / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMb: process.resourceUsage().maxRSS / 1024 };
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** Runs bench/<script> as a process of its own (its CPU time and peak memory are its own) and reads its figures. */
export function runLoop(script: string, format: Format, rows: number, file: string): Promise<LoopFigures> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, script), format, String(rows), file], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) resolve(JSON.parse(last) as LoopFigures);
      else reject(new Error(`${script} ${format} exited with ${code}: ${out.slice(-2000)}`));
    });
  });
}

/** The command line of a loop script: `<json|csv> <rows> <file>`. */
export function loopArgs(): { format: Format; rows: number; file: string } {
  const [format, rows, file] = process.argv.slice(2);
  if ((format !== 'json' && format !== 'csv') || !(Number(rows) > 0) || !file) throw new Error('usage: <json|csv> <rows> <file>');
  return { format, rows: Number(rows), file };
}

export const isMain = (url: string) => !!process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(url);
