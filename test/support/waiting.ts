// Waiting on state in tests (never on fixed sleeps where a state can be awaited), shared by every tier.
import type { WorkflowHandle } from '@temporalio/client';
import { getOrder, type OrderView } from '../../src/workflows/service-order/service-order.messages';

/** Polls `assertion` until it stops throwing; its last error once `timeoutMs` has passed. */
export async function eventually<T>(
  assertion: () => Promise<T> | T,
  { timeoutMs = 30_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(intervalMs);
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The order's live state (the query is fine in tests; the product never queries a running order). */
export function viewOf(handle: WorkflowHandle): Promise<OrderView> {
  return handle.query(getOrder);
}

/** Waits until the order's live state satisfies `check` (an expect-throwing function). */
export function waitForView(
  handle: WorkflowHandle,
  check: (view: OrderView) => void,
  timeoutMs = 30_000,
): Promise<OrderView> {
  return eventually(
    async () => {
      const view = await viewOf(handle);
      check(view);
      return view;
    },
    { timeoutMs },
  );
}
