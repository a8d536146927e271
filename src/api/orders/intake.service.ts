import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/app-config';
import {
  DEFAULT_DISPATCH_MODE,
  findIntakeProblems,
  intakeStatus,
  type BusinessCalendar,
  type OrderDetails,
  type SlaPolicy,
} from '../../domain';
import { OrderIntakeEntity } from '../../persistence/entities';
import { nextOrderNo } from '../../persistence/order-number';
import { PolicyCache } from '../../persistence/policy-cache';
import { toE164 } from '../../domain/phone';
import { startSearchAttributes } from '../../workflows/service-order/search-values';
import {
  orderWorkflowId,
  SERVICE_ORDER_WORKFLOW,
  type Actor,
  type ServiceOrderInput,
} from '../../workflows/service-order/service-order.messages';
import { ApiErrorCode, ApiException } from '../common/api-error';
import { actorFor, type StaffPrincipal } from '../common/principal';
import { APP_CONFIG, deriveCustomerToken, randomNonce, sha256Hex, TEMPORAL_CLIENT } from '../common/tokens';
import { MetricsService } from '../metrics/metrics.service';
import { sendWithinDeadline } from '../common/temporal-call';
import { fromCommandError } from '../common/temporal-errors';
import { canonicalJson } from './canonical-json';
import { CoverageService } from './coverage.service';
import { removeIntakeCopy, writeIntakeCopy } from './intake-copy';
import type { IntakeOrderDto, IntakeResponseDto } from './dto/intake-order.dto';

/**
 * Intake: snapshot the policy, number the order, start its workflow. The number, the intake row (with the
 * `Idempotency-Key`) and the read-model copy are written in one transaction before the start, so a retried
 * request (even one racing the first) starts one workflow, and an order answered 201 can always be read.
 */
@Injectable()
export class IntakeService {
  private readonly logger = new Logger(IntakeService.name);

  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly policies: PolicyCache,
    private readonly coverage: CoverageService,
  ) {}

  // A clerk's request: intake defaults filled in; the idempotency hash covers the body as sent (the DTO).
  intakeRequest(
    dto: IntakeOrderDto,
    staff: StaffPrincipal,
    idempotencyKey: string | null,
  ): Promise<IntakeResponseDto> {
    const details: OrderDetails = {
      ...dto,
      customer: { ...dto.customer, phone: this.e164(dto.customer.phone, 'customer.phone') },
      requiredSkills: dto.requiredSkills ?? [],
      dispatchMode: dto.dispatchMode ?? DEFAULT_DISPATCH_MODE,
    };
    const actor = actorFor(staff, ['agent']) as Actor & { id: string };
    // The JSON round-trip turns the validated DTO instances into the plain data the workflow receives.
    return this.intake(JSON.parse(JSON.stringify(details)) as OrderDetails, actor, idempotencyKey, dto);
  }

  /** The phone in E.164, the form SMS goes to; a number that is none is the field's 400. */
  e164(phone: string, field: string): string {
    const normalised = toE164(phone, this.config.DEFAULT_PHONE_COUNTRY);
    if (normalised === null) {
      throw ApiException.validation([
        {
          field,
          reasons: [
            `${field} "${phone}" is not a valid phone number (write it with its country code, e.g. +86 138 0000 0001, or as a national number of ${this.config.DEFAULT_PHONE_COUNTRY})`,
          ],
        },
      ]);
    }
    return normalised;
  }

  // `actor.id` is null for a customer's own request (src/api/self-service): it sends no Idempotency-Key,
  // its repeats are matched by the one-time code.
  async intake(
    details: OrderDetails,
    actor: Actor,
    idempotencyKey: string | null,
    requestBody: unknown,
  ): Promise<IntakeResponseDto> {
    const keyed = idempotencyKey === null ? null : { createdBy: keyOwner(actor), idempotencyKey };
    const requestHash = sha256Hex(canonicalJson(requestBody));
    // Who pays, judged now (a warranty claim's order is free by the claim); a replay resumes with it too.
    if (!details.isWarranty) details = { ...details, coverage: await this.coverage.judge(details) };
    const intakes = this.dataSource.getRepository(OrderIntakeEntity);
    if (keyed) {
      const existing = await intakes.findOne({ where: keyed });
      if (existing) return this.replay(existing, requestHash, details, actor);
    }

    const receivedAt = new Date();
    const problems = findIntakeProblems(details);
    // Looked up first: the transaction below holds the day's counter row until it commits.
    const { policy, calendar } = await this.policyInForce(details.type);
    const nonce = randomNonce();
    const intake = await this.dataSource.transaction(async (manager) => {
      const orderNo = await nextOrderNo(manager, receivedAt);
      const customerToken = deriveCustomerToken(this.config.JWT_SECRET, orderNo, nonce);
      const response = {
        orderNo,
        status: intakeStatus(problems),
        workflowId: orderWorkflowId(orderNo),
        problems,
      };
      const input = workflowInput(orderNo, details, actor, sha256Hex(customerToken), receivedAt, {
        policy,
        calendar,
      });
      // ON CONFLICT on the (clerk, key) index: a concurrent request with the same key inserts nothing.
      const rows: unknown[] = await manager.query(
        `INSERT INTO order_intakes (order_no, created_by, idempotency_key, request_hash, customer_token_hash, token_nonce, response)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING order_no`,
        [
          orderNo,
          actor.id,
          idempotencyKey,
          requestHash,
          input.customerTokenHash,
          nonce,
          JSON.stringify(response),
        ],
      );
      if (rows.length > 0) await writeIntakeCopy(manager, input);
      return { inserted: rows.length > 0, orderNo, customerToken, response, input };
    });
    const { orderNo, customerToken, response, input } = intake;
    if (!intake.inserted) {
      // Only the (clerk, key) index can conflict: order numbers come from an atomic counter.
      if (!keyed)
        throw new ApiException(ApiErrorCode.CONFLICT, `Order number ${orderNo} is already taken; retry`);
      // Another request with the same key won the race; answer as its replay (this order number stays unused).
      const winner = await intakes.findOneOrFail({ where: keyed });
      return this.replay(winner, requestHash, details, actor);
    }
    try {
      // With a key, a concurrent replay may have started this very workflow already.
      await this.start(input, idempotencyKey !== null);
    } catch (error) {
      // Not started (as far as we know): no stored copy of an order nobody was told about. Without a key
      // nobody can resume this intake, so its row goes too; with a key the retry gets this order number.
      await this.dataSource
        .transaction(async (manager) => {
          await removeIntakeCopy(manager, orderNo);
          if (!idempotencyKey) await manager.delete(OrderIntakeEntity, { orderNo });
        })
        .catch((cleanup: unknown) =>
          this.logger.warn(`Intake ${orderNo} not cleaned up: ${String(cleanup)}`),
        );
      throw error;
    }
    this.metrics.ordersCreated.inc({ type: details.type, status: response.status });
    return { ...response, customerToken };
  }

  private async replay(
    row: OrderIntakeEntity,
    requestHash: string,
    details: OrderDetails,
    actor: Actor,
  ): Promise<IntakeResponseDto> {
    if (row.requestHash !== requestHash) {
      throw new ApiException(
        ApiErrorCode.IDEMPOTENCY_KEY_REUSED,
        'This Idempotency-Key was used with a different request body',
        { orderNo: row.orderNo },
      );
    }
    // The first request may have died between numbering and starting: starting again is harmless. The
    // stored copy comes back first, so this 201 too is readable at once.
    const input = workflowInput(
      row.orderNo,
      details,
      actor,
      row.customerTokenHash,
      row.createdAt,
      await this.policyInForce(details.type),
    );
    await this.dataSource.transaction((manager) => writeIntakeCopy(manager, input));
    await this.start(input, true);
    const response = row.response as Omit<IntakeResponseDto, 'customerToken'>;
    return {
      ...response,
      customerToken: deriveCustomerToken(this.config.JWT_SECRET, row.orderNo, row.tokenNonce),
    };
  }

  private async policyInForce(
    type: OrderDetails['type'],
  ): Promise<{ policy: SlaPolicy; calendar: BusinessCalendar | null }> {
    const policy = await this.policies.policy(type);
    const calendar = policy.calendar ? await this.policies.calendar(policy.calendar) : null;
    return { policy, calendar };
  }

  private async start(input: ServiceOrderInput, mayExist: boolean): Promise<void> {
    const { orderNo, details } = input;
    const problems = findIntakeProblems(details);
    // All of them, the next deadline included: the workflow then upserts none on its first task.
    const searchAttributes = startSearchAttributes(input);
    const sent = await sendWithinDeadline(
      this.client,
      () =>
        this.client.workflow.start(SERVICE_ORDER_WORKFLOW, {
          workflowId: orderWorkflowId(orderNo),
          taskQueue: this.config.TEMPORAL_TASK_QUEUE,
          args: [input],
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
          typedSearchAttributes: searchAttributes,
          staticSummary: `${details.type} ${details.priority} order ${orderNo}`,
        }),
      this.config.TEMPORAL_CALL_TIMEOUT_MS,
    );
    if (!sent.ok) {
      if (mayExist && sent.error instanceof WorkflowExecutionAlreadyStartedError) return;
      throw fromCommandError(sent.error, sent.mayHaveReachedServer) ?? sent.error;
    }
    this.logger.log(`Started ${orderWorkflowId(orderNo)} (${details.type}, ${problems.length} problems)`);
  }
}

/** An Idempotency-Key is kept per clerk; a request without one (self-service) has no staff id to keep it by. */
function keyOwner(actor: Actor): string {
  if (actor.id === null) throw new Error('An Idempotency-Key needs a staff creator');
  return actor.id;
}

function workflowInput(
  orderNo: string,
  details: OrderDetails,
  actor: Actor,
  customerTokenHash: string,
  receivedAt: Date,
  { policy, calendar }: { policy: SlaPolicy; calendar: BusinessCalendar | null },
): ServiceOrderInput {
  return {
    orderNo,
    details,
    policy,
    calendar,
    createdBy: actor,
    customerTokenHash,
    receivedAt: receivedAt.toISOString(),
  };
}
