// The read-model row an intake writes before it starts the workflow, so that an order answered 201 can
// always be read even before the workflow's first projection (or while Temporal cannot answer). It has
// revision 0: the workflow's first projection (revision 1, its INTAKE entry) overwrites it.
import type { EntityManager } from 'typeorm';
import { findIntakeProblems, intakeStatus } from '../../domain';
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

/** Inserts the revision-0 row unless the order already has one (a retried intake, or a projection). */
export async function writeIntakeCopy(manager: EntityManager, input: ServiceOrderInput): Promise<void> {
  const view = intakeView(input);
  const d = view.details;
  await manager.query(
    `INSERT INTO orders (order_no, workflow_id, revision, status, type, priority, channel, zone, region,
       dispatch_mode, customer_name, customer_phone, fault_description, total_amount, created_by,
       customer_token_hash, is_warranty, parent_order_no, policy_version, snapshot, created_at, updated_at)
     VALUES ($1,$2,0,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19::jsonb,$20, now())
     ON CONFLICT (order_no) DO NOTHING`,
    [
      view.orderNo,
      view.workflowId,
      view.status,
      d.type,
      d.priority,
      d.channel,
      d.customer.zone,
      d.customer.region ?? null,
      d.dispatchMode,
      d.customer.name,
      d.customer.phone,
      d.faultDescription ?? '',
      d.totalAmount,
      view.createdBy.id,
      input.customerTokenHash,
      d.isWarranty === true,
      d.parentOrderNo ?? null,
      view.policyVersion,
      JSON.stringify(view),
      view.createdAt,
    ],
  );
}

/** Removes the row of an intake that did not start, unless a projection has replaced it meanwhile. */
export async function removeIntakeCopy(manager: EntityManager, orderNo: string): Promise<void> {
  await manager.query(`DELETE FROM orders WHERE order_no = $1 AND revision = 0`, [orderNo]);
}
