// The read-model row an intake writes before it starts the workflow, so that an order answered 201 can
// always be read even before the workflow's first projection (or while Temporal cannot answer). It has
// revision 0: the workflow's first projection (revision 1, its INTAKE entry) overwrites it.
import type { EntityManager } from 'typeorm';
import { writeOrderRow } from '../../persistence/order-row';
import type { OrderView, ServiceOrderInput } from '../../workflows/service-order/service-order.messages';
import { OrderState } from '../../workflows/service-order/service-order.state';

/**
 * The order as the workflow starts it (the same `OrderState.start`), minus what only the workflow knows
 * yet: its running deadline, and the INTAKE entry that makes its first projection revision 1.
 */
export function intakeView(input: ServiceOrderInput): OrderView {
  const started = OrderState.start(input, Date.parse(input.receivedAt)).view();
  return { ...started, revision: 0, deadlines: [] };
}

/** Writes the revision-0 row unless the order already has one (a retried intake, or a projection). */
export async function writeIntakeCopy(manager: EntityManager, input: ServiceOrderInput): Promise<void> {
  await writeOrderRow(manager, intakeView(input), input.customerTokenHash);
}

/** Removes the row of an intake that did not start, unless a projection has replaced it meanwhile. */
export async function removeIntakeCopy(manager: EntityManager, orderNo: string): Promise<void> {
  await manager.query(`DELETE FROM orders WHERE order_no = $1 AND revision = 0`, [orderNo]);
}
