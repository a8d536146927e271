import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import {
  ORDER_TYPES,
  validateCalendar,
  validatePolicy,
  type BusinessCalendar,
  type FieldProblem,
  type OrderType,
  type SlaPolicy,
} from '../../domain';
import { PolicyCache } from '../../persistence/policy-cache';
import { currentCalendar, currentPolicy, listCalendars, listPolicies } from '../../persistence/policy-store';
import {
  orderWorkflowId,
  policyChanged,
  type Actor,
  type PolicyChangedInput,
} from '../../workflows/service-order/service-order.messages';
import { ApiException, type FieldError } from '../common/api-error';
import { withinDeadline } from '../common/temporal-call';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import { PutCalendarDto, PutPolicyDto } from './policy.dto';
import { runningOrdersOfType, runningOrdersOnCalendar } from './running-orders';

function toFieldErrors(problems: FieldProblem[]): FieldError[] {
  const byField = new Map<string, string[]>();
  for (const { field, problem } of problems)
    byField.set(field || 'body', [...(byField.get(field || 'body') ?? []), problem]);
  return [...byField].map(([field, reasons]) => ({ field, reasons }));
}

@Injectable()
export class PoliciesService {
  private readonly logger = new Logger(PoliciesService.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly policyCache: PolicyCache,
  ) {}

  listPolicies(): Promise<SlaPolicy[]> {
    return listPolicies(this.dataSource);
  }

  async putPolicy(
    orderType: OrderType,
    dto: PutPolicyDto,
    actor: Actor,
  ): Promise<{ policy: SlaPolicy; signalledOrders: number }> {
    // orderType and version are read-only (checked by the controller / numbered here): a GET answer goes back as is.
    const { applyToRunning, reason, orderType: _sameType, version: _ignored, ...fields } = dto;
    // An edit reads the database, not the intake's cache: it must see what every process saved.
    const current = await currentPolicy(this.dataSource, orderType);
    const checked = validatePolicy({ ...fields, orderType, version: current.version + 1 });
    if (!checked.ok) throw ApiException.validation(toFieldErrors(checked.errors), 'The policy is invalid');
    let calendar: BusinessCalendar | null = null;
    if (checked.policy.calendar) {
      calendar = await currentCalendar(this.dataSource, checked.policy.calendar);
      if (!calendar) {
        throw ApiException.validation([
          {
            field: 'calendar',
            reasons: [`no calendar named ${checked.policy.calendar}; PUT /api/calendars/{name} first`],
          },
        ]);
      }
    }
    // Through the cache, so this process's next intake snapshots the saved version.
    const policy = await this.policyCache.savePolicy(checked.policy, actor.name ?? actor.id ?? 'admin');
    if (!applyToRunning) return { policy, signalledOrders: 0 };
    // Moving running orders of the type onto the new version is what this edit is for.
    const { orders } = await runningOrdersOfType(this.dataSource, orderType, null);
    const signalledOrders = await this.signalRunning(
      orders.map((order) => order.orderNo),
      { actor, policy, calendar, reason: requiredReason(reason) },
    );
    return { policy, signalledOrders };
  }

  listCalendars(): Promise<BusinessCalendar[]> {
    return listCalendars(this.dataSource);
  }

  async putCalendar(
    name: string,
    dto: PutCalendarDto,
    actor: Actor,
  ): Promise<{ calendar: BusinessCalendar; signalledOrders: number }> {
    const { applyToRunning, reason, name: _sameName, ...fields } = dto;
    const checked = validateCalendar({ ...fields, name });
    if (!checked.ok) throw ApiException.validation(toFieldErrors(checked.errors), 'The calendar is invalid');
    const calendar = await this.policyCache.saveCalendar(checked.calendar);
    if (!applyToRunning) return { calendar, signalledOrders: 0 };
    // Only orders whose own snapshotted policy version names the calendar (running-orders.ts).
    const { orders } = await runningOrdersOnCalendar(this.dataSource, name, null);
    const signalledOrders = await this.signalRunning(
      orders.map((order) => order.orderNo),
      { actor, calendar, reason: requiredReason(reason) },
    );
    return { calendar, signalledOrders };
  }

  /** Sends `policyChanged` to each order (found in the read model); returns how many received it. */
  private async signalRunning(orderNos: string[], input: PolicyChangedInput): Promise<number> {
    let signalled = 0;
    // Small batches: a busy type or calendar may have thousands of running orders.
    for (let i = 0; i < orderNos.length; i += 50) {
      const batch = orderNos.slice(i, i + 50);
      const results = await Promise.allSettled(
        batch.map((orderNo) =>
          withinDeadline(
            this.client,
            () => this.client.workflow.getHandle(orderWorkflowId(orderNo)).signal(policyChanged, input),
            this.config.TEMPORAL_CALL_TIMEOUT_MS,
          ),
        ),
      );
      results.forEach((result, index) => {
        if (result.status === 'fulfilled') signalled++;
        else if (!(result.reason instanceof WorkflowNotFoundError)) {
          this.logger.warn(`policyChanged to ${batch[index]} failed: ${String(result.reason)}`);
        }
      });
    }
    return signalled;
  }
}

/** The DTO requires it with applyToRunning; this only narrows the type. */
function requiredReason(reason: string | undefined): string {
  if (reason === undefined) throw new Error('applyToRunning without a reason passed validation');
  return reason;
}

export function isOrderType(value: string): value is OrderType {
  return (ORDER_TYPES as readonly string[]).includes(value);
}
