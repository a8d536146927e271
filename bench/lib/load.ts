// Load generation and the statistics every scenario reports: a bounded pool of concurrent callers, the
// latency of each call, percentiles, and CPU and memory of the stack's processes read from /proc.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface LoadResult {
  /** Milliseconds per successful call, in completion order. */
  latenciesMs: number[];
  failures: string[];
  wallMs: number;
}

/**
 * Runs `count` calls with at most `concurrency` in flight; `call(i)` gets a distinct index. A failed call
 * is recorded (first 20 messages kept), never retried: a benchmark that hides failures lies.
 */
export async function runConcurrently(
  count: number,
  concurrency: number,
  call: (index: number) => Promise<unknown>,
  onProgress?: (done: number) => void,
): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const failures: string[] = [];
  let next = 0;
  let done = 0;
  const began = performance.now();
  const callers = Array.from({ length: Math.min(concurrency, count) }, async () => {
    for (;;) {
      const index = next++;
      if (index >= count) return;
      const started = performance.now();
      try {
        await call(index);
        latenciesMs.push(performance.now() - started);
      } catch (error) {
        if (failures.length < 20) failures.push(error instanceof Error ? error.message : String(error));
        else failures.push('');
      }
      done += 1;
      if (onProgress && (done % Math.max(1, Math.floor(count / 10)) === 0 || done === count))
        onProgress(done);
    }
  });
  await Promise.all(callers);
  return { latenciesMs, failures, wallMs: performance.now() - began };
}

/** Nearest-rank percentile (p in 0–100) of unsorted values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function summarise(values: readonly number[]): { p50: number; p99: number; max: number } {
  return { p50: percentile(values, 50), p99: percentile(values, 99), max: percentile(values, 100) };
}

/** Successful calls per second over the whole run. */
export function throughput(result: LoadResult): number {
  return (result.latenciesMs.length / result.wallMs) * 1_000;
}

// Linux reports CPU time in clock ticks; 100 per second on every mainstream kernel build.
const CLOCK_TICKS_PER_SECOND = 100;

export interface ProcessUsage {
  /** User + system CPU seconds since the process started. */
  cpuSeconds: number;
  rssMb: number;
}

/** CPU and resident memory of one process, or null when it is gone (or /proc is not Linux's). */
export function processUsage(pid: number | undefined): ProcessUsage | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return { cpuSeconds, rssMb: rssKb / 1024 };
  } catch {
    return null;
  }
}

/** CPU seconds each named process spent between two readings. */
export class CpuMeter {
  private readonly before: Map<string, number>;

  constructor(private readonly pids: Record<string, number | undefined>) {
    this.before = new Map(
      Object.entries(pids).map(([name, pid]) => [name, processUsage(pid)?.cpuSeconds ?? 0]),
    );
  }

  /** CPU milliseconds per process since construction. */
  elapsedMs(): Record<string, number> {
    return Object.fromEntries(
      Object.entries(this.pids).map(([name, pid]) => [
        name,
        ((processUsage(pid)?.cpuSeconds ?? 0) - (this.before.get(name) ?? 0)) * 1_000,
      ]),
    );
  }
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
