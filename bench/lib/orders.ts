// Orders started straight on Temporal, with the input the API's intake gives the workflow, for the
// scenarios whose subject is what happens after intake (escalation lag, capacity): the load generator can
// then shape when orders were received and create them faster than HTTP allows.
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { formatOrderNo, type SlaPolicy } from '../../src/domain';
import { startSearchAttributes } from '../../src/workflows/service-order/search-values';
import {
  SERVICE_ORDER_WORKFLOW,
  orderWorkflowId,
} from '../../src/workflows/service-order/service-order.messages';
import { orderInput } from '../../test/factories/orders';
import { staffActor } from '../../test/factories/users.factory';
import type { BenchStack } from '../stack';

/** Order numbers of a day far from today's counter, one day per batch, so batches never collide. */
export function benchOrderNo(batch: number, index: number): string {
  return formatOrderNo(new Date(Date.UTC(2099, 0, 1 + batch)), index + 1);
}

export async function startOrderDirect(
  stack: BenchStack,
  orderNo: string,
  policy: SlaPolicy,
  receivedAt: Date,
): Promise<void> {
  const input = {
    ...orderInput(staffActor('agent'), {
      orderNo,
      policy,
      details: { type: policy.orderType, dispatchMode: 'SUPERVISOR' },
    }),
    receivedAt: receivedAt.toISOString(),
  };
  await stack.client.workflow.start(SERVICE_ORDER_WORKFLOW, {
    workflowId: orderWorkflowId(orderNo),
    taskQueue: stack.taskQueue,
    args: [input],
    workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    typedSearchAttributes: startSearchAttributes(input),
  });
}

/** Terminates workflows (bounded concurrency) so a finished scenario's timers never load the next one. */
export async function terminateAll(stack: BenchStack, workflowIds: string[], reason: string): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < workflowIds.length) {
        const id = workflowIds[next++];
        await stack.client.workflow
          .getHandle(id)
          .terminate(reason)
          .catch(() => undefined);
      }
    }),
  );
}
