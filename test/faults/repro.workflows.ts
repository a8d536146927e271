// A minimal workflow with the command-ordering shape of the service-order workflow (docs/durability.md,
// "Root cause of the fault-run nondeterminism"), used only by test/faults/wft-regrouping.repro.test.ts:
//   - activities A and B start together;
//   - "old style" background continuation: when A resolves, its `.then` (two microtask hops deeper
//     than the main line) schedules C;
//   - the main line awaits B, then starts a timer, then schedules E;
//   - an Update handler (`bump`) schedules D as soon as it runs.
// When A, B and the Update land in one activation, the TS SDK issues: accept(bump) and D (the doUpdate
// job, processed before any continuation runs), then the timer (1 hop after B) and C (3 hops after A).
// When A was applied in an earlier activation, C comes first.
// The `repro.hold` sink lets the harness keep the worker's first workflow task open (outside the
// workflow sandbox, so no deadlock detector and no effect on determinism; sinks are not called on replay).
import {
  condition,
  defineQuery,
  defineUpdate,
  proxyActivities,
  proxySinks,
  setHandler,
  sleep,
  type Sinks,
} from '@temporalio/workflow';

export interface ReproSinks extends Sinks {
  repro: {
    /** Called from workflow code; the harness's implementation may take as long as it wants. */
    hold(label: string): void;
  };
}

export interface ReproActivities {
  step(name: string): Promise<string>;
}

const { repro } = proxySinks<ReproSinks>();
const { step } = proxyActivities<ReproActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '200ms', maximumAttempts: 20 },
});

export const bump = defineUpdate<string, [string]>('bump');
export const progress = defineQuery<string[]>('progress');

export async function regrouping(): Promise<string[]> {
  const done: string[] = [];
  let bumped = false;
  setHandler(bump, async (label: string) => {
    bumped = true;
    // Scheduled synchronously while the doUpdate job is processed, right after the acceptance.
    done.push(await step(`D:${label}`));
    return 'bumped';
  });
  setHandler(progress, () => done);

  const a = step('A');
  const b = step('B');
  // Background continuation of A, "old style" (like notify → deliverAll in the service order): a few
  // microtask hops deeper than the main line, then it schedules C.
  const c = a.then(async (resultA) => {
    done.push(resultA);
    await Promise.resolve();
    await Promise.resolve();
    repro.hold('A resolved');
    return step('C');
  });
  // Main line (like the main loop after a projection): after B, a timer, then E.
  done.push(await b);
  await sleep(1);
  done.push(await step('E'));
  done.push(await c);
  await condition(() => bumped && done.length >= 5);
  return done;
}

/** Occupies one workflow-task slot while the harness holds its first activation; ends when told. */
export async function holder(): Promise<void> {
  repro.hold('holder');
  await step('holder-done');
}
