// The read-model row of an order, written from the workflow's view: by every projection, and by the intake
// (revision 0) before its workflow starts. A newer revision wins; an older or equal one changes nothing,
// so a retried or late write, or an intake copy meeting a projection, is harmless.
import type { EntityManager } from 'typeorm';
import type { OrderView } from '../workflows/service-order/service-order.messages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function writeOrderRow(
  manager: EntityManager,
  view: OrderView,
  customerTokenHash: string | null,
): Promise<void> {
  const live = view.deadlines.filter((d) => d.dueAt !== null);
  const nextDeadline = live.length > 0 ? live.map((d) => d.dueAt as string).sort()[0] : null;
  const escalationLevel = Math.max(0, ...view.deadlines.map((d) => d.escalationLevel));
  const d = view.details;
  await manager.query(
    `INSERT INTO orders (order_no, workflow_id, revision, status, type, priority, channel, zone, region,
             dispatch_mode, customer_name, customer_phone, fault_description, total_amount, technician_id,
             created_by, customer_token_hash, next_deadline, escalation_level, rework_round, rating,
             is_warranty, parent_order_no, policy_version, snapshot, completed_at, closed_at, created_at, updated_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,
             $25::jsonb,$26,$27,$28, now())
           ON CONFLICT (order_no) DO UPDATE SET
             revision = EXCLUDED.revision, status = EXCLUDED.status, type = EXCLUDED.type,
             priority = EXCLUDED.priority, channel = EXCLUDED.channel, zone = EXCLUDED.zone,
             region = EXCLUDED.region, dispatch_mode = EXCLUDED.dispatch_mode,
             customer_name = EXCLUDED.customer_name, customer_phone = EXCLUDED.customer_phone,
             fault_description = EXCLUDED.fault_description, total_amount = EXCLUDED.total_amount,
             technician_id = EXCLUDED.technician_id,
             customer_token_hash = COALESCE(EXCLUDED.customer_token_hash, orders.customer_token_hash),
             next_deadline = EXCLUDED.next_deadline, escalation_level = EXCLUDED.escalation_level,
             rework_round = EXCLUDED.rework_round, rating = EXCLUDED.rating,
             is_warranty = EXCLUDED.is_warranty, parent_order_no = EXCLUDED.parent_order_no,
             policy_version = EXCLUDED.policy_version, snapshot = EXCLUDED.snapshot,
             completed_at = EXCLUDED.completed_at, closed_at = EXCLUDED.closed_at, updated_at = now()
           WHERE orders.revision < EXCLUDED.revision`,
    [
      view.orderNo,
      view.workflowId,
      view.revision,
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
      view.technicianId && UUID.test(view.technicianId) ? view.technicianId : null,
      view.createdBy.id && UUID.test(view.createdBy.id) ? view.createdBy.id : null,
      customerTokenHash,
      nextDeadline,
      escalationLevel,
      view.reworkRound,
      view.rating,
      d.isWarranty === true,
      d.parentOrderNo ?? null,
      view.policyVersion,
      JSON.stringify(view),
      view.completedAt,
      view.closedAt,
      view.createdAt,
    ],
  );
}
