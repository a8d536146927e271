// How the order says no: role first (403), then status (409), then the field at fault (422), each with
// the status and the actions the caller could take instead (RefusalDetails).
import { ApplicationFailure } from '@temporalio/workflow';
import { allowedActions, decide, ROLES, type OrderAction, type OrderStatus, type Role } from '../../domain';
import {
  ORDER_FAILURE,
  type Actor,
  type OrderFailureType,
  type RefusalDetails,
} from './service-order.messages';

export class Refusals {
  constructor(private readonly status: () => OrderStatus) {}

  /**
   * As the domain's transition table says. Handlers check ownership (assigned technician, dispatcher's
   * region) before calling this, so nobody learns the status of an order that is not theirs.
   */
  allow(actor: Actor, action: OrderAction): void {
    if (actor.role === 'system')
      throw this.failure(ORDER_FAILURE.FORBIDDEN, 'the system actor sends no commands', 'system');
    const decision = decide(this.status(), action, actor.role);
    if (!decision.allowed) {
      throw this.failure(
        decision.reason === 'ROLE' ? ORDER_FAILURE.FORBIDDEN : ORDER_FAILURE.ACTION_NOT_ALLOWED,
        decision.message,
        actor.role,
      );
    }
  }

  forbidden(actor: Actor, message: string): ApplicationFailure {
    return this.failure(ORDER_FAILURE.FORBIDDEN, message, actor.role);
  }

  badDecision(actor: Actor): never {
    throw this.invalid(actor, 'decision', 'unknown decision');
  }

  invalid(actor: Actor, field: string, message: string): ApplicationFailure {
    return this.failure(ORDER_FAILURE.INVALID_INPUT, message, actor?.role ?? 'system', field);
  }

  notAllowed(actor: Actor, message: string): ApplicationFailure {
    return this.failure(
      ORDER_FAILURE.ACTION_NOT_ALLOWED,
      `${message} (order is ${this.status()})`,
      actor.role,
    );
  }

  failure(type: OrderFailureType, message: string, role: Actor['role'], field?: string): ApplicationFailure {
    const status = this.status();
    const details: RefusalDetails = {
      status,
      allowedActions: isRole(role) ? allowedActions(status, role) : [],
      ...(field ? { field } : {}),
    };
    return ApplicationFailure.create({ type, message, nonRetryable: true, details: [details] });
  }
}

function isRole(role: Actor['role']): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

export function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function nonBlank(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
