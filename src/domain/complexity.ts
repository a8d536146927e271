import type { OrderDetails } from './order';
import type { SlaPolicy } from './sla-policy';

/**
 * Whether a reviewed order goes to supervisor approval (SPEC §2 stage 4), with every reason that
 * matched so the supervisor sees why.
 */
export function requiresApproval(
  details: OrderDetails,
  rule: SlaPolicy['approvalRequired'],
): { required: boolean; reasons: string[] } {
  const reasons: string[] = [];
  if (rule.amountOver !== undefined && rule.amountOver !== null && details.totalAmount > rule.amountOver) {
    reasons.push(`total amount ${details.totalAmount} is over ${rule.amountOver}`);
  }
  if (rule.priorities.includes(details.priority)) {
    reasons.push(`priority ${details.priority} needs approval`);
  }
  if (rule.types.includes(details.type)) {
    reasons.push(`order type ${details.type} needs approval`);
  }
  if (rule.vipCustomer && details.customer.vip === true) {
    reasons.push('the customer is a VIP');
  }
  return { required: reasons.length > 0, reasons };
}
