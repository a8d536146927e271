// The service order workflow: one durable workflow per order (SPEC §2–§3). This file is the entry: it
// registers each Update with the phase that owns it (phases/), runs the main loop and continues as new.
// The loop's turn is the only place commands come from: search attributes, the read-model projection
// and every queued activity (effects.ts, docs/durability.md).
import {
  allHandlersFinished,
  CancellationScope,
  condition,
  continueAsNew,
  log,
  patched,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import { intakeClockStart, isTerminalStatus, LADDER, dueAt } from '../../domain';
import { eventSummary, iso, type DeadlineEvent, type LiveDeadline } from './deadlines';
import { LegacyServiceOrderWorkflow } from './legacy/service-order-v1.workflow';
import { OrderContext, type Command } from './order-context';
import { acceptancePhase } from './phases/acceptance';
import { afterWorkPhase } from './phases/after-work';
import { dispatchPhase } from './phases/dispatch';
import { fieldWorkPhase } from './phases/field-work';
import { intakeReviewPhase } from './phases/intake-review';
import { pricedWorkPhase } from './phases/priced-work';
import { customerPhase } from './phases/customer';
import { supervisionPhase } from './phases/supervision';
import { Projection } from './projection';
import {
  CUSTOMER_MESSAGES,
  LIFECYCLE_RULES_V2,
  PRICED_WORK,
  QUIET_TURNS,
  SINGLE_COMMAND_ISSUER,
} from './versions';
import { isObject } from './refusals';
import * as messages from './service-order.messages';
import { ORDER_FAILURE, type Actor, type OrderView, type ServiceOrderInput } from './service-order.messages';
import { OrderState, SYSTEM, type LifecycleRules, type OrderData } from './service-order.state';

/** What continue-as-new carries: the whole state, deadlines included, unchanged. */
export type ServiceOrderRunInput = ServiceOrderInput & { carried?: OrderData };

export async function serviceOrder(input: ServiceOrderRunInput): Promise<OrderView> {
  // Decided before any handler is registered or any command is issued: one design per run.
  if (!patched(SINGLE_COMMAND_ISSUER)) return new LegacyServiceOrderWorkflow(input).run();
  // A continued order keeps the rules it started with (carried in its state).
  const rules: LifecycleRules = input.carried
    ? (input.carried.lifecycleRules ?? 1)
    : patched(LIFECYCLE_RULES_V2)
      ? 2
      : 1;
  return new ServiceOrderWorkflow(input, rules).run();
}

/** Phases never import each other: what one needs of another is handed over here. */
function wirePhases(ctx: OrderContext) {
  const afterWork = afterWorkPhase(ctx);
  const fieldWork = fieldWorkPhase(ctx);
  const acceptance = acceptancePhase(ctx, {
    completeOrder: afterWork.completeOrder,
    handOverWork: fieldWork.handOverWork,
  });
  const dispatch = dispatchPhase(ctx, {
    handOverWork: fieldWork.handOverWork,
    withdrawWork: fieldWork.withdrawWork,
    answerChases: fieldWork.answerChases,
  });
  const intake = intakeReviewPhase(ctx, { dispatch: dispatch.systemDispatch });
  const supervision = supervisionPhase(ctx);
  const customer = customerPhase(ctx, { openFeedbackCase: afterWork.openFeedbackCase });
  const pricedWork = pricedWorkPhase(ctx);
  return { intake, dispatch, fieldWork, acceptance, afterWork, supervision, customer, pricedWork };
}
type Phases = ReturnType<typeof wirePhases>;

class ServiceOrderWorkflow {
  private readonly ctx: OrderContext;
  private readonly projection: Projection;
  private readonly phases: Phases;
  /** QUIET_TURNS: one timer for the next deadline event, kept while that event stays next. */
  private readonly quietTurns: boolean;
  private timer: { at: number; fired: boolean; scope: CancellationScope } | null = null;

  constructor(
    private readonly input: ServiceOrderRunInput,
    rules: LifecycleRules,
  ) {
    // A continued order keeps whether it messages the customer (its state says so).
    const state = input.carried
      ? new OrderState(input.carried)
      : OrderState.start(input, intakeClockStart(input.receivedAt, Date.now()), rules, {
          messagesCustomer: patched(CUSTOMER_MESSAGES),
          pricesWork: patched(PRICED_WORK),
        });
    const ctx = (this.ctx = new OrderContext(state));
    this.projection = new Projection(ctx);
    this.quietTurns = patched(QUIET_TURNS);
    if (this.quietTurns && !input.carried) this.projection.startedWith(workflowInfo().typedSearchAttributes);
    const phases = (this.phases = wirePhases(ctx));
    const { intake, dispatch, fieldWork, acceptance, afterWork, supervision, customer, pricedWork } = phases;

    setHandler(messages.getOrder, () => ctx.state.view());
    setHandler(messages.policyChanged, supervision.policyChanged);
    setHandler(messages.partsArrived, fieldWork.partsArrived);
    this.update(messages.supplyInfo, intake.supplyInfo);
    this.update(messages.review, intake.review);
    this.update(messages.approval, intake.approval);
    this.update(messages.assign, dispatch.assign);
    this.update(messages.respondToAssignment, dispatch.respondToAssignment);
    this.update(messages.logContact, fieldWork.logContact);
    this.update(messages.checkIn, fieldWork.checkIn);
    this.update(messages.reportProgress, fieldWork.reportProgress);
    this.update(messages.requestParts, fieldWork.requestParts);
    this.update(messages.receiveParts, fieldWork.receiveParts);
    this.update(messages.complete, fieldWork.complete);
    this.update(messages.qc, fieldWork.qc);
    this.update(messages.chase, fieldWork.chase);
    this.update(messages.customerAcceptance, acceptance.customerAcceptance);
    this.update(messages.callback, afterWork.callback);
    this.update(messages.resolveFeedback, afterWork.resolveFeedback);
    this.update(messages.settle, afterWork.settle);
    this.update(messages.cancel, supervision.cancel);
    this.update(messages.decideRework, acceptance.decideRework);
    this.update(messages.customerFeedback, customer.customerFeedback);
    this.update(messages.sendCustomerLink, customer.sendCustomerLink);
    this.update(messages.overrideCoverage, supervision.overrideCoverage);
    this.update(messages.proposeQuote, pricedWork.proposeQuote);
    this.update(messages.decideQuote, pricedWork.decideQuote);
    this.update(messages.proposeAddedWork, pricedWork.proposeAddedWork);
    this.update(messages.decideAddedWork, pricedWork.decideAddedWork);
    this.update(messages.collectPayment, pricedWork.collectPayment);
    this.update(messages.inspectParts, pricedWork.inspectParts);
    this.update(messages.approveSelfBoughtParts, pricedWork.approveSelfBoughtParts);
    this.update(messages.recordInvoice, afterWork.recordInvoice);
  }

  private get data(): OrderData {
    return this.ctx.data;
  }

  // ---- Main loop --------------------------------------------------------------------------------

  async run(): Promise<OrderView> {
    const { ctx } = this;
    if (this.input.carried) {
      // The previous run left these sends in flight (or in backoff); they start again from their first
      // attempt. One still running there meets this one at the outbox row lock and finds it SENT.
      const carried = [...new Set(this.data.pendingDeliveryIds)];
      this.data.pendingDeliveryIds = [];
      ctx.deliverAll(carried);
    } else {
      this.phases.intake.announceIntake();
    }
    while (!isTerminalStatus(this.data.status)) {
      this.turn();
      if (isTerminalStatus(this.data.status)) break;
      if (workflowInfo().continueAsNewSuggested && this.readyToContinueAsNew()) return this.continueAsNew();
      // While a blocking result is outstanding no deadline event may fire: no timer until it is in.
      const next = ctx.effects.blocked ? undefined : ctx.deadlines.nextEvent(Date.now());
      if (this.quietTurns) {
        this.armTimer(next);
        await condition(() => ctx.wake);
      } else if (next === undefined) {
        await condition(() => ctx.wake);
      } else {
        await condition(() => ctx.wake, Math.max(next.at - Date.now(), 1), { summary: eventSummary(next) });
      }
    }
    if (this.quietTurns) this.armTimer(undefined);
    // A finished order has no deadline left to hold back, and a send still in backoff would die with the
    // run: project the last state and let every send use its retry budget before the run closes.
    for (;;) {
      this.turn();
      if (allHandlersFinished() && ctx.effects.quiet() && this.projection.projected()) break;
      await condition(() => ctx.wake);
    }
    log.info('order finished', { orderNo: ctx.orderNo, status: this.data.status });
    return ctx.state.view();
  }

  /**
   * The only place commands come from. Synchronous, so nothing interleaves: results in queue order, then
   * due deadline events, then the search attributes, then the activities, projection first.
   */
  private turn(): void {
    this.ctx.effects.applySettled();
    this.fireDueEvents();
    this.phases.customer.sendQueued();
    this.projection.syncSearchAttributes(Date.now());
    this.projection.schedule();
    this.ctx.effects.startQueued();
    // Everything that woke the loop before this turn was handled by it.
    this.ctx.wake = false;
  }

  /**
   * Keeps one timer for the next deadline event: left running while that event stays next (a command or
   * a settled activity usually changes nothing about it), replaced when another instant comes first,
   * cancelled when there is none. Its firing only wakes the loop; the turn decides what is due.
   */
  private armTimer(next: DeadlineEvent | undefined): void {
    const current = this.timer;
    if (current && !current.fired && next?.at === current.at) return;
    if (current && !current.fired) current.scope.cancel();
    this.timer = null;
    if (next === undefined) return;
    const timer = { at: next.at, fired: false, scope: new CancellationScope() };
    this.timer = timer;
    timer.scope
      .run(() => sleep(Math.max(next.at - Date.now(), 1), { summary: eventSummary(next) }))
      .then(
        () => {
          timer.fired = true;
          this.ctx.wake = true;
        },
        () => undefined, // cancelled: a later instant took its place
      );
  }

  /**
   * Sends still in flight travel in `pendingDeliveryIds` and the new run starts them again; the timeline
   * not yet projected travels in `unprojected` and the new run projects it (the write is idempotent), so
   * neither holds back the continue-as-new of an order that keeps changing.
   */
  private readyToContinueAsNew(): boolean {
    return allHandlersFinished() && this.ctx.effects.quiet(['deliver', 'projectOrder']);
  }

  private continueAsNew(): Promise<never> {
    log.info('continuing as new', {
      orderNo: this.ctx.orderNo,
      revision: this.data.revision,
      pendingDeliveries: this.data.pendingDeliveryIds.length,
    });
    return continueAsNew<typeof serviceOrder>({ ...this.input, carried: this.data });
  }

  // ---- Deadline events --------------------------------------------------------------------------

  private fireDueEvents(): void {
    const { effects, deadlines } = this.ctx;
    for (;;) {
      if (effects.blocked) return;
      const event = deadlines.nextEvent(Date.now());
      if (!event || event.at > Date.now()) break;
      this.onDeadlineEvent(event);
    }
    if (this.data.dispatchRequested && !effects.blocked) {
      this.data.dispatchRequested = false;
      this.phases.dispatch.systemDispatch();
    }
  }

  private onDeadlineEvent(event: DeadlineEvent): void {
    const deadline = event.deadline;
    switch (event.kind) {
      case 'LADDER':
        this.fireLadderStep(deadline, event.level);
        // Capacity may have freed up since: an AUTO order that found nobody tries again at each step.
        if (deadline.stage === 'DISPATCH' && this.data.details.dispatchMode === 'AUTO') {
          this.data.dispatchRequested = true;
        }
        return;
      case 'EXPIRE':
        switch (deadline.onDue) {
          case 'TECHNICIAN_TIMEOUT':
            this.phases.dispatch.returnToDispatch(SYSTEM, 'TECHNICIAN_TIMEOUT', {
              stageKey: deadline.stageKey,
            });
            return;
          case 'QUOTE_EXPIRY':
            this.phases.pricedWork.expireQuote();
            return;
          case 'ADDED_WORK_LAPSE':
            this.phases.pricedWork.lapseAddedWork(deadline);
            return;
          default:
            this.phases.afterWork.completeOrder(
              SYSTEM,
              'ACCEPTANCE_WINDOW_EXPIRED',
              null,
              'accepted automatically when the window expired',
            );
        }
        return;
      case 'REMIND':
        this.phases.afterWork.remindFeedbackOwner(deadline, event.reminder);
        return;
      case 'FOLLOW_UP':
        deadline.followUpsSent = event.n;
        if (event.followUp === 'REDISPATCH') this.data.dispatchRequested = true;
        else this.phases.acceptance.remindAgentOfAcceptance(deadline, event.n);
        return;
    }
  }

  /** Marks the step fired in the state first, so it never fires twice; the activity is idempotent too. */
  private fireLadderStep(deadline: LiveDeadline, level: number): void {
    const { ctx } = this;
    deadline.firedLevel = level;
    const firedAt = iso(Date.now());
    const due = dueAt(deadline.clock);
    const dueIso = due === null ? firedAt : iso(due);
    ctx.escalate(
      {
        stage: deadline.stage,
        stageKey: deadline.stageKey,
        level,
        dueAt: dueIso,
        firedAt,
        responsibleUserId: deadline.responsibleUserId,
        responsibleRole: deadline.responsibleRole,
      },
      `${LADDER[level]?.name ?? `LEVEL_${level}`} ${deadline.stageKey} of ${ctx.orderNo}`,
      (fired) =>
        ctx.state.note(SYSTEM, level === 0 ? 'SLA_WARNING' : 'ESCALATION', Date.parse(firedAt), {
          stage: deadline.stage,
          stageKey: deadline.stageKey,
          level,
          dueAt: dueIso,
          ...fired,
        }),
    );
  }

  // ---- Updates ----------------------------------------------------------------------------------

  /**
   * Registers an update. Its body changes the state synchronously once no blocking result is pending
   * (the validator runs again then: the state may have moved), and it answers once the blocking results
   * it started (a reservation, a feedback owner) are applied. Projection and sends never hold it.
   */
  private update<A extends { actor: Actor }>(
    definition: UpdateDefinition<OrderView, [A]>,
    command: Command<A>,
  ): void {
    const { ctx } = this;
    setHandler(
      definition,
      async (arg: A) => {
        try {
          await ctx.effects.unblocked();
          command.validate(arg);
          await command.handle(arg);
          await ctx.effects.unblocked();
        } finally {
          ctx.wake = true;
        }
        return ctx.state.view();
      },
      {
        validator: (arg: A) => {
          if (!isObject(arg) || !isObject(arg.actor) || typeof arg.actor.role !== 'string') {
            throw ctx.refuse.failure(
              ORDER_FAILURE.INVALID_INPUT,
              'actor with a role is required',
              'system',
              'actor',
            );
          }
          command.validate(arg);
        },
      },
    );
  }
}
