// The values behind an order's search attributes, in one place for both sides: the API starts the
// workflow with them (so the Web UI filters a new order at once), and the workflow upserts them only
// when one moved since what its run was started with or last upserted.
import type { SearchAttributePair, TypedSearchAttributes } from '@temporalio/common';
import {
  ESCALATION_LEVEL,
  NEXT_DEADLINE,
  ORDER_STATUS,
  ORDER_TYPE,
  PRIORITY,
  REGION,
  TECHNICIAN_ID,
} from '../search-attributes';
import type { ServiceOrderInput } from './service-order.messages';
import { OrderState } from './service-order.state';

export interface OrderSearchValues {
  status: string;
  type: string;
  priority: string;
  region: string | null;
  technicianId: string | null;
  level: number;
  next: number | null;
}

export function searchValuesOf(state: OrderState): OrderSearchValues {
  const d = state.data;
  return {
    status: d.status,
    type: d.details.type,
    priority: d.details.priority,
    region: d.details.customer.region ?? null,
    technicianId: d.technicianId,
    level: state.deadlines.escalationLevel(),
    next: state.deadlines.nextDue(),
  };
}

/** Every attribute, a null one unset: what the workflow upserts. */
export function searchAttributePairs(values: OrderSearchValues): SearchAttributePair[] {
  return [
    { key: ORDER_STATUS, value: values.status },
    { key: ORDER_TYPE, value: values.type },
    { key: PRIORITY, value: values.priority },
    { key: REGION, value: values.region },
    { key: TECHNICIAN_ID, value: values.technicianId },
    { key: ESCALATION_LEVEL, value: values.level },
    { key: NEXT_DEADLINE, value: values.next === null ? null : new Date(values.next) },
  ] as SearchAttributePair[];
}

/**
 * What the intake starts the workflow with: the state its first task will compute (the same code, from
 * the intake time the API recorded), the unset ones left out.
 */
export function startSearchAttributes(input: ServiceOrderInput): SearchAttributePair[] {
  const values = searchValuesOf(OrderState.start(input, Date.parse(input.receivedAt), 2));
  return searchAttributePairs(values).filter((pair) => pair.value !== null && pair.value !== undefined);
}

/** The values a run's current search attributes hold (missing ones as null). */
export function searchValuesFrom(attributes: TypedSearchAttributes): OrderSearchValues {
  const next = attributes.get(NEXT_DEADLINE);
  return {
    status: attributes.get(ORDER_STATUS) ?? '',
    type: attributes.get(ORDER_TYPE) ?? '',
    priority: attributes.get(PRIORITY) ?? '',
    region: attributes.get(REGION) ?? null,
    technicianId: attributes.get(TECHNICIAN_ID) ?? null,
    level: attributes.get(ESCALATION_LEVEL) ?? 0,
    next: next ? next.getTime() : null,
  };
}
