// The read-model row an intake writes before it starts the workflow, so that an order answered 201 can
// always be read even before the workflow's first projection (or while Temporal cannot answer). It has
// revision 0: the workflow's first projection (revision 1, its INTAKE entry) overwrites it.
import type { EntityManager } from 'typeorm';
import { findIntakeProblems, intakeStatus } from '../../domain';
import { writeOrderRow } from '../../persistence/order-row';
import {
  orderWorkflowId,
  type OrderView,
  type ServiceOrderInput,
} from '../../workflows/service-order/service-order.messages';

/** The order as the workflow starts it, minus what only the workflow knows yet (its running deadline). */
export function intakeView(input: ServiceOrderInput): OrderView {
  const problems = findIntakeProblems(input.details);
  return {
    orderNo: input.orderNo,
    workflowId: orderWorkflowId(input.orderNo),
    status: intakeStatus(problems),
    revision: 0,
    details: input.details,
    problems,
    policyVersion: input.policy.version,
    requiresApproval: false,
    approvalReasons: [],
    technicianId: null,
    excludedTechnicianIds: [],
    milestone: null,
    reworkRound: 0,
    chaseCount: 0,
    deadlines: [],
    escalations: [],
    partsRequests: [],
    partsUsed: [],
    rating: null,
    tracks: { callback: 'NOT_STARTED', feedback: 'NOT_STARTED', settlement: 'NOT_STARTED' },
    feedbackCase: null,
    createdBy: input.createdBy,
    createdAt: input.receivedAt,
    completedAt: null,
    closedAt: null,
    cancelReason: null,
  };
}

/** Writes the revision-0 row unless the order already has one (a retried intake, or a projection). */
export async function writeIntakeCopy(manager: EntityManager, input: ServiceOrderInput): Promise<void> {
  await writeOrderRow(manager, intakeView(input), input.customerTokenHash);
}

/** Removes the row of an intake that did not start, unless a projection has replaced it meanwhile. */
export async function removeIntakeCopy(manager: EntityManager, orderNo: string): Promise<void> {
  await manager.query(`DELETE FROM orders WHERE order_no = $1 AND revision = 0`, [orderNo]);
}
