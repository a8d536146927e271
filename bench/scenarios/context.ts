import type { BenchApi, BenchCrew } from '../lib/api';
import type { BenchStack } from '../stack';

/** What every stack scenario gets: the running stack, an API client with its users, and a progress line. */
export interface BenchContext {
  stack: BenchStack;
  api: BenchApi;
  crew: BenchCrew;
  progress: (line: string) => void;
  /** Unique per run: workflow ids of the raw baselines never collide with an earlier run's. */
  runId: string;
}
