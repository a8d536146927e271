import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowNotFoundError } from '@temporalio/client';
import { DataSource } from 'typeorm';
import {
  ORDER_TYPES,
  TERMINAL_STATUSES,
  validateCalendar,
  validatePolicy,
  type BusinessCalendar,
  type FieldProblem,
  type OrderType,
  type SlaPolicy,
} from '../../domain';
import {
  currentCalendar,
  currentPolicy,
  listCalendars,
  listPolicies,
  saveCalendar,
  savePolicy,
} from '../../persistence/policy-store';
import {
  orderWorkflowId,
  policyChanged,
  type Actor,
} from '../../workflows/service-order/service-order.messages';
import { ApiException, type FieldError } from '../common/api-error';
import { withinDeadline } from '../common/temporal-call';
import type { AppConfig } from '../../config/app-config';
import { APP_CONFIG, TEMPORAL_CLIENT } from '../common/tokens';
import { PutCalendarDto, PutPolicyDto } from './policy.dto';

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
  ) {}

  listPolicies(): Promise<SlaPolicy[]> {
    return listPolicies(this.dataSource);
  }

  async putPolicy(
    orderType: OrderType,
    dto: PutPolicyDto,
    actor: Actor,
  ): Promise<{ policy: SlaPolicy; signalledOrders: number }> {
    const { applyToRunning, ...fields } = dto;
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
    const policy = await savePolicy(this.dataSource, checked.policy, actor.name ?? actor.id ?? 'admin');
    const signalledOrders = applyToRunning
      ? await this.signalRunning(
          [orderType],
          async () => ({ policy, calendar }),
          actor,
          `SLA policy ${orderType} v${policy.version} applied to running orders`,
        )
      : 0;
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
    const { applyToRunning, ...fields } = dto;
    const checked = validateCalendar({ ...fields, name });
    if (!checked.ok) throw ApiException.validation(toFieldErrors(checked.errors), 'The calendar is invalid');
    const calendar = await saveCalendar(this.dataSource, checked.calendar);
    let signalledOrders = 0;
    if (applyToRunning) {
      const policies = await listPolicies(this.dataSource);
      const types = policies.filter((p) => p.calendar === name).map((p) => p.orderType);
      const byType = new Map(policies.map((p) => [p.orderType, p]));
      signalledOrders = await this.signalRunning(
        types,
        async (type) => ({ policy: byType.get(type) as SlaPolicy, calendar }),
        actor,
        `business calendar ${name} changed`,
      );
    }
    return { calendar, signalledOrders };
  }

  /** Sends `policyChanged` to every running order of the types (found in the read model); returns how many received it. */
  private async signalRunning(
    types: OrderType[],
    load: (type: OrderType) => Promise<{ policy: SlaPolicy; calendar: BusinessCalendar | null }>,
    actor: Actor,
    reason: string,
  ): Promise<number> {
    if (types.length === 0) return 0;
    const rows: { order_no: string; type: OrderType }[] = await this.dataSource.query(
      `SELECT order_no, type FROM orders WHERE type = ANY($1) AND NOT (status = ANY($2))`,
      [types, [...TERMINAL_STATUSES]],
    );
    const loaded = new Map<OrderType, { policy: SlaPolicy; calendar: BusinessCalendar | null }>();
    for (const type of new Set(rows.map((r) => r.type))) loaded.set(type, await load(type));
    let signalled = 0;
    // Small batches: a policy of a busy type may have thousands of running orders.
    for (let i = 0; i < rows.length; i += 50) {
      const batch = rows.slice(i, i + 50);
      const results = await Promise.allSettled(
        batch.map((row) => {
          const { policy, calendar } = loaded.get(row.type) as {
            policy: SlaPolicy;
            calendar: BusinessCalendar | null;
          };
          return withinDeadline(
            this.client,
            () =>
              this.client.workflow
                .getHandle(orderWorkflowId(row.order_no))
                .signal(policyChanged, { actor, policy, calendar, reason }),
            this.config.TEMPORAL_CALL_TIMEOUT_MS,
          );
        }),
      );
      results.forEach((result, index) => {
        if (result.status === 'fulfilled') signalled++;
        else if (!(result.reason instanceof WorkflowNotFoundError)) {
          this.logger.warn(`policyChanged to ${batch[index].order_no} failed: ${String(result.reason)}`);
        }
      });
    }
    return signalled;
  }
}

export function isOrderType(value: string): value is OrderType {
  return (ORDER_TYPES as readonly string[]).includes(value);
}
