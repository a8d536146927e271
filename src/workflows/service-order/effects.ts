// The one place an order's activities are started from (docs/durability.md). Handlers, deadline events
// and results only change state and queue effects; the main loop's turn starts what is queued, in queue
// order, and applies settled results in queue order too. So the commands of a workflow task follow from
// the state and the history it was given, never from which promise continuation happened to run first.
import { condition, log } from '@temporalio/workflow';

export interface Effect<R = unknown> {
  readonly id: number;
  /** Readable summary: the activity's summary in the Web UI. */
  readonly what: string;
  readonly kind: string;
  /** Its result decides the order's next state: handlers and deadline events wait until it is applied. */
  readonly blocking: boolean;
  settled: boolean;
  value?: R;
  error?: unknown;
}

export interface EffectOptions<R> {
  blocking?: boolean;
  /** Runs in the loop's turn when the activity succeeded. */
  apply?: (result: R) => void;
  /** Runs in the loop's turn when the activity failed for good (after its retry policy). */
  onFailure?: (error: unknown) => void;
  /** Start before everything already queued (the read-model projection goes first). */
  first?: boolean;
  /**
   * Applied only after every earlier `inOrder` effect: results that put entries on the timeline (an
   * escalation's record) keep the order in which their steps fired, whichever activity finishes first.
   */
  inOrder?: boolean;
}

interface Entry {
  effect: Effect;
  start: () => Promise<unknown>;
  options: EffectOptions<unknown>;
  outcome?: { ok: true; value: unknown } | { ok: false; error: unknown };
}

export class Effects {
  private lastId = 0;
  private readonly queued: Entry[] = [];
  /** Insertion order is id order: results are applied in the order their effects were queued. */
  private readonly running = new Map<number, Entry>();
  private blockingCount = 0;

  /** `onSettled` wakes the main loop; nothing else may run on a result. */
  constructor(private readonly onSettled: () => void) {}

  add<R>(kind: string, what: string, start: () => Promise<R>, options: EffectOptions<R> = {}): Effect<R> {
    const effect: Effect<R> = {
      id: ++this.lastId,
      what,
      kind,
      blocking: options.blocking ?? false,
      settled: false,
    };
    const entry: Entry = { effect, start, options: options as EffectOptions<unknown> };
    if (options.first) this.queued.unshift(entry);
    else this.queued.push(entry);
    if (effect.blocking) this.blockingCount += 1;
    this.onSettled();
    return effect;
  }

  /** True while a blocking effect is queued or running. */
  get blocked(): boolean {
    return this.blockingCount > 0;
  }

  /** Nothing queued and nothing running, or only effects of the given kinds running. */
  quiet(runningKindsAllowed: readonly string[] = []): boolean {
    if (this.queued.length > 0) return false;
    for (const entry of this.running.values()) {
      if (!runningKindsAllowed.includes(entry.effect.kind)) return false;
    }
    return true;
  }

  /** Called only from the loop's turn: schedules every queued activity, in queue order. */
  startQueued(): void {
    for (const entry of this.queued.splice(0)) {
      this.running.set(entry.effect.id, entry);
      entry.start().then(
        (value) => {
          entry.outcome = { ok: true, value };
          this.onSettled();
        },
        (error: unknown) => {
          entry.outcome = { ok: false, error };
          this.onSettled();
        },
      );
    }
  }

  /** Called only from the loop's turn: applies every settled result, in queue order. */
  applySettled(): void {
    let earlierInOrderPending = false;
    for (const [id, entry] of this.running) {
      const { outcome, effect, options } = entry;
      if (options.inOrder) {
        if (!outcome || earlierInOrderPending) {
          earlierInOrderPending = true;
          continue;
        }
      }
      if (!outcome) continue;
      this.running.delete(id);
      if (effect.blocking) this.blockingCount -= 1;
      effect.settled = true;
      if (outcome.ok) {
        effect.value = outcome.value;
        options.apply?.(outcome.value);
      } else {
        effect.error = outcome.error;
        log.warn(`${effect.what} failed`, {
          error: outcome.error instanceof Error ? outcome.error.message : String(outcome.error),
        });
        options.onFailure?.(outcome.error);
      }
    }
  }

  /** Waits until the loop applied the effect; its value, or its failure thrown. */
  async result<R>(effect: Effect<R>): Promise<R> {
    await condition(() => effect.settled);
    if (effect.error !== undefined) throw effect.error;
    return effect.value as R;
  }

  /** Waits until no blocking effect is pending (another handler may start one meanwhile: check again). */
  async unblocked(): Promise<void> {
    while (this.blocked) await condition(() => !this.blocked);
  }
}
