import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

// SPEC §6: what admins filter orders by in the Temporal UI. The dev-server scripts register the same list.
export const ORDER_STATUS = defineSearchAttributeKey('OrderStatus', SearchAttributeType.KEYWORD);
export const ORDER_TYPE = defineSearchAttributeKey('OrderType', SearchAttributeType.KEYWORD);
export const PRIORITY = defineSearchAttributeKey('Priority', SearchAttributeType.KEYWORD);
export const REGION = defineSearchAttributeKey('Region', SearchAttributeType.KEYWORD);
export const TECHNICIAN_ID = defineSearchAttributeKey('TechnicianId', SearchAttributeType.KEYWORD);
export const ESCALATION_LEVEL = defineSearchAttributeKey('EscalationLevel', SearchAttributeType.INT);
export const NEXT_DEADLINE = defineSearchAttributeKey('NextDeadline', SearchAttributeType.DATETIME);

export const ORDER_SEARCH_ATTRIBUTES = [
  ORDER_STATUS,
  ORDER_TYPE,
  PRIORITY,
  REGION,
  TECHNICIAN_ID,
  ESCALATION_LEVEL,
  NEXT_DEADLINE,
];
