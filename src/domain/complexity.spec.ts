import { requiresApproval } from './complexity';
import type { OrderDetails } from './order';
import type { ApprovalRule } from './sla-policy';
import { anOrderDetails } from './testing/order-details.factory';

describe(requiresApproval.name, () => {
  const rule: ApprovalRule = {
    amountOver: 5000,
    priorities: ['URGENT'],
    types: ['COMPLAINT'],
    vipCustomer: true,
  };
  const vip = { ...anOrderDetails().customer, vip: true };

  it.each<[string, Partial<OrderDetails>, ApprovalRule, string[]]>([
    ['a plain order', {}, rule, []],
    ['amount at the threshold', { totalAmount: 5000 }, rule, []],
    ['amount over the threshold', { totalAmount: 5000.01 }, rule, ['total amount 5000.01 is over 5000']],
    ['no amount threshold', { totalAmount: 1e9 }, { ...rule, amountOver: null }, []],
    ['listed priority', { priority: 'URGENT' }, rule, ['priority URGENT needs approval']],
    ['listed type', { type: 'COMPLAINT' }, rule, ['order type COMPLAINT needs approval']],
    ['VIP customer', { customer: vip }, rule, ['the customer is a VIP']],
    ['VIP customer when the rule ignores VIPs', { customer: vip }, { ...rule, vipCustomer: false }, []],
    [
      'everything at once',
      { totalAmount: 9000, priority: 'URGENT', type: 'COMPLAINT', customer: vip },
      rule,
      [
        'total amount 9000 is over 5000',
        'priority URGENT needs approval',
        'order type COMPLAINT needs approval',
        'the customer is a VIP',
      ],
    ],
  ])('%s', (_label, overrides, approvalRule, reasons) => {
    expect(requiresApproval(anOrderDetails(overrides), approvalRule)).toEqual({
      required: reasons.length > 0,
      reasons,
    });
  });
});
