// FROZEN: the order workflow as it ran before the single-command-issuer design (docs/durability.md).
// Runs whose history has no SINGLE_COMMAND_ISSUER marker replay on this code, so it must not change:
// its handlers and background promise chains start activities from several places, and the order of
// their commands is part of those histories. Delete it once no such run is left (the README says how
// to check). Behaviour fixes go into ../service-order.workflow.ts only.
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  log,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import {
  allowedActions,
  decide,
  dueAt,
  findIntakeProblems,
  haversineKm,
  isTerminalStatus,
  isWithinRadius,
  LADDER,
  MILESTONES,
  parseDuration,
  requiresApproval,
  expectedSettlement,
  sameRegion,
  settlementProblem,
  ROLES,
  type OrderAction,
  type OrderDetails,
  type OrderToDispatch,
  type Role,
} from '../../../domain';
import type { ReservationResult, ServiceOrderActivities } from '../../../activities/service-order.activities';
import {
  DELIVERY_RETRY_POLICY,
  type EscalationStep,
  type NotificationActivities,
  type NotifyInput,
  type RecipientView,
} from '../../../activities/notification.contract';
import {
  ESCALATION_LEVEL,
  NEXT_DEADLINE,
  ORDER_STATUS,
  ORDER_TYPE,
  PRIORITY,
  REGION,
  TECHNICIAN_ID,
} from '../../search-attributes';
import {
  approval,
  assign,
  callback,
  cancel,
  chase,
  checkIn,
  complete,
  customerAcceptance,
  getOrder,
  logContact,
  ORDER_FAILURE,
  policyChanged,
  qc,
  receiveParts,
  reportProgress,
  requestParts,
  resolveFeedback,
  respondToAssignment,
  review,
  settle,
  supplyInfo,
  type Actor,
  type FeedbackCaseView,
  type OrderFailureType,
  type OrderView,
  type RefusalDetails,
  type ServiceOrderInput,
} from '../service-order.messages';
import {
  iso,
  LegacyOrderState as OrderState,
  SYSTEM,
  type DeadlineEvent,
  type LiveDeadline,
  type OrderData,
} from './legacy-order-state';
import { OrderState as CurrentOrderState } from '../service-order.state';

// Database work: retried until it succeeds (a database outage delays the order, never loses a step).
const DATABASE_WORK = {
  startToCloseTimeout: '30s',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1m' },
} as const;
const orderActivities = proxyActivities<ServiceOrderActivities>(DATABASE_WORK);
const notifications = proxyActivities<NotificationActivities>(DATABASE_WORK);
// Sending by e-mail / webhook: bounded attempts with backoff, in the background.
const delivery = proxyActivities<NotificationActivities>({
  startToCloseTimeout: '1m',
  retry: { ...DELIVERY_RETRY_POLICY },
});

/** What continue-as-new carries: the whole state, deadlines included, unchanged. */
type ServiceOrderRunInput = ServiceOrderInput & { carried?: OrderData };

type Validator<A> = (arg: A) => void;

export class LegacyServiceOrderWorkflow {
  private readonly state: OrderState;
  private readonly orderNo: string;
  /** Set by every handler so the main loop re-plans its timer and projects. */
  private wake = false;
  private lock: Promise<unknown> = Promise.resolve();
  /** Quick background work (in-app notification records and outbox rows): waited for before continuing as new. */
  private readonly background = new Set<Promise<void>>();
  /** Background sends, which may spend minutes in retry backoff: carried over continue-as-new instead. */
  private readonly deliveries = new Set<Promise<void>>();
  private lastSearchAttributes = '';
  private readonly isContinuation: boolean;

  constructor(private readonly input: ServiceOrderRunInput) {
    this.isContinuation = input.carried !== undefined;
    this.state = new OrderState(input.carried ?? CurrentOrderState.start(input, Date.now()).data);
    this.orderNo = input.orderNo;
    this.registerHandlers();
  }

  private get data(): OrderData {
    return this.state.data;
  }

  // ---- Main loop --------------------------------------------------------------------------------

  async run(): Promise<OrderView> {
    if (this.isContinuation) {
      // The previous run left these sends in flight (or in backoff); they start again from their first
      // attempt. One still running there meets this one at the outbox row lock and finds it SENT.
      const carried = [...new Set(this.data.pendingDeliveryIds)];
      this.data.pendingDeliveryIds = [];
      this.deliverAll(carried);
    }
    if (!this.isContinuation && this.data.status === 'INFO_REQUIRED') {
      this.notifyLater(
        'INTAKE_INCOMPLETE',
        {
          userIds: this.data.createdBy.id ? [this.data.createdBy.id] : [],
          roles: this.data.createdBy.id ? [] : ['agent'],
        },
        `Order ${this.orderNo} needs more information`,
        this.data.problems.map((p) => `${p.field}: ${p.problem}`).join('; '),
        'intake',
      );
    }
    while (!isTerminalStatus(this.data.status)) {
      this.wake = false;
      await this.exclusive(() => this.fireDueEvents());
      await this.flush();
      if (isTerminalStatus(this.data.status)) break;
      if (workflowInfo().continueAsNewSuggested) await this.continueAsNew();
      const next = this.state.nextEvent();
      if (next === undefined) {
        await condition(() => this.wake);
      } else {
        await condition(() => this.wake, Math.max(next.at - Date.now(), 1), { summary: eventSummary(next) });
      }
    }
    await condition(allHandlersFinished);
    await this.flush();
    // A finished order has no deadline left to hold back, and a send still in backoff would die with the
    // run: wait for every one of them, as long as their retry budget lasts.
    await this.settleBackground();
    await this.settle(this.deliveries);
    log.info('order finished', { orderNo: this.orderNo, status: this.data.status });
    return this.state.view();
  }

  /**
   * Waits only for quick work: waiting out a failing channel's backoff (minutes) here would hold back every
   * deadline. Sends still in flight travel in `pendingDeliveryIds` and the new run starts them again.
   */
  private async continueAsNew(): Promise<never> {
    // A handler may start more background work while we wait, and a notification record its sends only
    // once it settles: loop until nothing is left that the new run could not pick up.
    do {
      await condition(allHandlersFinished);
      await this.settleBackground();
      await this.flush();
    } while (!allHandlersFinished() || this.background.size > 0);
    log.info('continuing as new', {
      orderNo: this.orderNo,
      revision: this.data.revision,
      pendingDeliveries: this.data.pendingDeliveryIds.length,
    });
    return continueAsNew({ ...this.input, carried: this.data });
  }

  /** Runs `fn` after every earlier exclusive section: handlers and timer events never interleave. */
  private exclusive<T>(fn: () => Promise<T> | T): Promise<T> {
    const run = this.lock.then(() => fn());
    this.lock = run.catch(() => undefined);
    return run;
  }

  private async fireDueEvents(): Promise<void> {
    for (;;) {
      const event = this.state.nextEvent();
      if (!event || event.at > Date.now()) break;
      await this.onDeadlineEvent(event);
    }
    if (this.data.dispatchRequested) {
      this.data.dispatchRequested = false;
      await this.systemDispatch();
    }
  }

  private async onDeadlineEvent(event: DeadlineEvent): Promise<void> {
    const deadline = event.deadline;
    switch (event.kind) {
      case 'LADDER':
        await this.fireLadderStep(deadline, event.level);
        // Capacity may have freed up since: an AUTO order that found nobody tries again at each step.
        if (deadline.stage === 'DISPATCH' && this.data.details.dispatchMode === 'AUTO') {
          this.data.dispatchRequested = true;
        }
        return;
      case 'EXPIRE':
        if (deadline.onDue === 'TECHNICIAN_TIMEOUT') {
          await this.returnToDispatch(SYSTEM, 'TECHNICIAN_TIMEOUT', { stageKey: deadline.stageKey });
        } else {
          await this.completeOrder(
            SYSTEM,
            'ACCEPTANCE_WINDOW_EXPIRED',
            null,
            'accepted automatically when the window expired',
          );
        }
        return;
      case 'REMIND': {
        deadline.remindersSent = event.reminder;
        const entry = this.state.note(SYSTEM, 'FEEDBACK_REMINDER', Date.now(), {
          stageKey: deadline.stageKey,
          reminder: event.reminder,
          ownerId: deadline.responsibleUserId,
        });
        this.notifyLater(
          'FEEDBACK_REMINDER',
          deadline.responsibleUserId ? { userIds: [deadline.responsibleUserId] } : { roles: ['supervisor'] },
          `Reminder ${event.reminder}: feedback case on ${this.orderNo} is still open`,
          `Please resolve the customer's feedback on order ${this.orderNo}.`,
          `${deadline.stageKey}:${event.reminder}:${entry.seq}`,
        );
        return;
      }
    }
  }

  /** Marks the step fired in the state first, so it never fires twice; the activity is idempotent too. */
  private async fireLadderStep(deadline: LiveDeadline, level: number): Promise<void> {
    deadline.firedLevel = level;
    const firedAt = iso(Date.now());
    const due = dueAt(deadline.clock);
    const dueIso = due === null ? firedAt : iso(due);
    const fired = await this.escalate(
      {
        stage: deadline.stage,
        stageKey: deadline.stageKey,
        level,
        dueAt: dueIso,
        firedAt,
        responsibleUserId: deadline.responsibleUserId,
        responsibleRole: deadline.responsibleRole,
      },
      `${LADDER[level]?.name ?? `LEVEL_${level}`} ${deadline.stageKey} of ${this.orderNo}`,
    );
    this.state.note(SYSTEM, level === 0 ? 'SLA_WARNING' : 'ESCALATION', Date.parse(firedAt), {
      stage: deadline.stage,
      stageKey: deadline.stageKey,
      level,
      dueAt: dueIso,
      ...fired,
    });
  }

  /**
   * Keeps the escalation on the order, stores it with its notifications (one activity) and sends them in
   * the background. Returns what the timeline entry records about it.
   */
  private async escalate(
    step: Omit<EscalationStep, 'orderNo' | 'region'>,
    summary: string,
  ): Promise<{ escalationId: string; recipients: Pick<RecipientView, 'userId' | 'username' | 'role'>[] }> {
    const { stage, stageKey, level, dueAt: due, firedAt } = step;
    this.data.escalations.push({ stage, stageKey, level, dueAt: due, firedAt });
    const result = await notifications.fireEscalation.executeWithOptions({ summary }, [
      { ...step, orderNo: this.orderNo, region: this.region() },
    ]);
    this.deliverAll(result.deliveryIds);
    return {
      escalationId: result.escalationId,
      recipients: result.recipients.map((r) => ({ userId: r.userId, username: r.username, role: r.role })),
    };
  }

  // ---- Read model, search attributes, background work ------------------------------------------

  private async flush(): Promise<void> {
    this.syncSearchAttributes();
    const d = this.data;
    if (d.revision <= d.projectedRevision) return;
    const timeline = d.unprojected.slice();
    const view = this.state.view();
    await orderActivities.projectOrder.executeWithOptions(
      { summary: `Project ${this.orderNo} r${view.revision} ${view.status} (+${timeline.length} timeline)` },
      [{ view, timeline, customerTokenHash: d.customerTokenHash }],
    );
    d.projectedRevision = Math.max(d.projectedRevision, view.revision);
    const lastSeq = timeline.length > 0 ? timeline[timeline.length - 1].seq : 0;
    d.unprojected = d.unprojected.filter((entry) => entry.seq > lastSeq);
  }

  private syncSearchAttributes(): void {
    const d = this.data;
    const next = this.state.nextDeadline();
    const values = {
      status: d.status,
      type: d.details.type,
      priority: d.details.priority,
      region: this.region(),
      technicianId: d.technicianId,
      level: this.state.escalationLevel(),
      next,
    };
    // Not a command: refreshed every turn, so it follows the next event even when no attribute moved.
    const nextEvent = this.state.nextEvent();
    setCurrentDetails(
      `**${d.status}**` +
        (d.technicianName ? ` · technician ${d.technicianName}` : '') +
        (nextEvent ? ` · next: ${eventSummary(nextEvent)}` : ''),
    );
    const signature = JSON.stringify(values);
    if (signature === this.lastSearchAttributes) return;
    this.lastSearchAttributes = signature;
    upsertSearchAttributes([
      { key: ORDER_STATUS, value: values.status },
      { key: ORDER_TYPE, value: values.type },
      { key: PRIORITY, value: values.priority },
      { key: REGION, value: values.region },
      { key: TECHNICIAN_ID, value: values.technicianId },
      { key: ESCALATION_LEVEL, value: values.level },
      { key: NEXT_DEADLINE, value: next === null ? null : new Date(next) },
    ]);
  }

  private track(work: Promise<unknown>, what: string, into = this.background): void {
    const settled = work.then(
      () => undefined,
      (error: unknown) => {
        log.warn(`${what} failed`, {
          orderNo: this.orderNo,
          error: error instanceof Error ? error.message : String(error),
        });
      },
    );
    into.add(settled);
    void settled.then(() => into.delete(settled));
  }

  /**
   * Sends outbox rows in the background. The state lists one entry per `deliver` still running, so
   * continue-as-new can hand over what has not settled yet.
   */
  private deliverAll(deliveryIds: string[]): void {
    for (const id of deliveryIds) {
      this.data.pendingDeliveryIds.push(id);
      this.track(
        delivery.deliver.executeWithOptions({ summary: `Deliver notification ${id}` }, [id]).finally(() => {
          const pending = this.data.pendingDeliveryIds;
          const at = pending.indexOf(id);
          if (at >= 0) pending.splice(at, 1);
        }),
        `delivery ${id}`,
        this.deliveries,
      );
    }
  }

  /** Records in-app notifications (and outbox rows) in the background; a failing channel never blocks the order. */
  private notifyLater(
    kind: string,
    to: Pick<NotifyInput, 'userIds' | 'roles'>,
    title: string,
    body: string,
    key: string,
  ): void {
    const request: NotifyInput = {
      orderNo: this.orderNo,
      kind,
      ...to,
      region: this.region(),
      title,
      body,
      idempotencyKey: `${this.orderNo}:${kind}:${key}`,
    };
    this.track(
      notifications.notify
        .executeWithOptions({ summary: `Notify ${kind} (${this.orderNo})` }, [request])
        .then((result) => this.deliverAll(result.deliveryIds)),
      `notify ${kind}`,
    );
  }

  private notifyDispatchers(kind: string, title: string, body: string, key: string): void {
    this.notifyLater(kind, { roles: ['dispatcher'] }, title, body, key);
  }

  private settleBackground(): Promise<void> {
    return this.settle(this.background);
  }

  private async settle(work: Set<Promise<void>>): Promise<void> {
    while (work.size > 0) await Promise.allSettled([...work]);
  }

  private region(): string | null {
    return this.data.details.customer.region ?? null;
  }

  // ---- Handlers ---------------------------------------------------------------------------------

  private registerHandlers(): void {
    setHandler(getOrder, () => this.state.view());

    setHandler(policyChanged, (input) => {
      const now = Date.now();
      if (!input?.policy || input.policy.orderType !== this.data.details.type) {
        log.warn('policyChanged for another order type ignored', { orderNo: this.orderNo });
        return;
      }
      const fromVersion = this.data.policy.version;
      const changes = this.state.retargetAll(input.policy, input.calendar ?? null, now);
      this.state.note(input.actor ?? SYSTEM, 'POLICY_CHANGED', now, {
        reason: input.reason,
        fromVersion,
        toVersion: input.policy.version,
        calendar: input.policy.calendar ?? null,
        deadlines: changes,
      });
      this.wake = true;
    });

    this.update(
      supplyInfo,
      (i) => {
        this.allow(i.actor, 'SUPPLY_INFO');
        if (!isObject(i.details))
          throw this.invalid(i.actor, 'details', 'details must be an object of order fields');
        if (i.details.type !== undefined && i.details.type !== this.data.details.type) {
          throw this.invalid(i.actor, 'details.type', 'the order type cannot change after intake');
        }
        // Refuse here what the handler could not apply: a throw there would fail the workflow task
        // over and over and leave the order stuck.
        const cleared = Object.entries(i.details).find(([, value]) => value === null);
        if (cleared) throw this.invalid(i.actor, `details.${cleared[0]}`, 'must not be null');
        try {
          findIntakeProblems(mergeDetails(this.data.details, i.details));
        } catch {
          throw this.invalid(i.actor, 'details', 'the order details cannot be read');
        }
      },
      (i) => {
        const now = Date.now();
        const d = this.data;
        d.details = mergeDetails(d.details, i.details);
        d.problems = findIntakeProblems(d.details);
        const fields = Object.keys(i.details);
        if (d.problems.length === 0) {
          this.state.moveTo('PENDING_REVIEW', i.actor, 'SUPPLY_INFO', now, { fields });
        } else {
          this.state.note(i.actor, 'SUPPLY_INFO', now, { fields, problems: d.problems });
        }
      },
    );

    this.update(
      review,
      (i) => {
        const decisions = {
          APPROVE: 'REVIEW_APPROVE',
          RETURN: 'REVIEW_RETURN',
          REJECT: 'REVIEW_REJECT',
        } as const;
        this.allow(i.actor, decisions[i.decision] ?? this.badDecision(i.actor));
      },
      async (i) => {
        const now = Date.now();
        const d = this.data;
        if (i.decision === 'REJECT') {
          this.state.closeAllStages();
          this.state.moveTo('REJECTED', i.actor, 'REVIEW_REJECT', now, { note: i.note ?? null });
        } else if (i.decision === 'RETURN') {
          d.problems = [
            ...findIntakeProblems(d.details),
            {
              field: 'review',
              problem: i.note?.trim() ? i.note : 'returned by the reviewer for more information',
            },
          ];
          this.state.moveTo('INFO_REQUIRED', i.actor, 'REVIEW_RETURN', now, { note: i.note ?? null });
        } else {
          const rule = requiresApproval(d.details, d.policy.approvalRequired);
          d.requiresApproval = rule.required;
          d.approvalReasons = rule.reasons;
          if (rule.required) {
            this.state.moveTo('PENDING_APPROVAL', i.actor, 'REVIEW_APPROVE', now, {
              note: i.note ?? null,
              approvalReasons: rule.reasons,
            });
          } else {
            this.state.moveTo('PENDING_DISPATCH', i.actor, 'REVIEW_APPROVE', now, { note: i.note ?? null });
            await this.systemDispatch();
          }
        }
      },
    );

    this.update(
      approval,
      (i) => {
        this.allow(
          i.actor,
          i.decision === 'APPROVE'
            ? 'APPROVE'
            : i.decision === 'REJECT'
              ? 'REJECT_APPROVAL'
              : this.badDecision(i.actor),
        );
      },
      async (i) => {
        const now = Date.now();
        if (i.decision === 'REJECT') {
          this.state.closeAllStages();
          this.state.moveTo('REJECTED', i.actor, 'REJECT_APPROVAL', now, { comment: i.comment ?? null });
        } else {
          this.state.moveTo('PENDING_DISPATCH', i.actor, 'APPROVE', now, { comment: i.comment ?? null });
          await this.systemDispatch();
        }
      },
    );

    this.update(
      assign,
      (i) => {
        this.allow(i.actor, this.data.status === 'PENDING_DISPATCH' ? 'ASSIGN' : 'REASSIGN');
        this.checkDispatcherRegion(i.actor);
        if (i.technicianId !== undefined && i.technicianId !== null) {
          if (typeof i.technicianId !== 'string' || i.technicianId.trim() === '') {
            throw this.invalid(i.actor, 'technicianId', 'technicianId must be a user id or omitted');
          }
          if (i.technicianId === this.data.technicianId) {
            throw this.invalid(i.actor, 'technicianId', 'the order is already assigned to this technician');
          }
        }
      },
      async (i) => {
        const result = await this.assignTechnician(i.actor, i.technicianId ?? undefined, 'MANUAL');
        if (!result.ok) throw this.invalid(i.actor, 'technicianId', result.explanation);
      },
    );

    this.update(
      respondToAssignment,
      (i) => {
        this.allow(
          i.actor,
          i.decision === 'ACCEPT'
            ? 'TECHNICIAN_ACCEPT'
            : i.decision === 'DECLINE'
              ? 'TECHNICIAN_DECLINE'
              : this.badDecision(i.actor),
        );
        this.requireAssignedTechnician(i.actor);
        if (i.decision === 'DECLINE' && !nonBlank(i.reason))
          throw this.invalid(i.actor, 'reason', 'a reason is required to decline');
      },
      async (i) => {
        const now = Date.now();
        if (i.decision === 'ACCEPT') {
          this.state.moveTo('ACCEPTED', i.actor, 'TECHNICIAN_ACCEPT', now);
          this.state.openStage('FIRST_CONTACT', now, { userId: this.data.technicianId });
          this.state.openStage('PROGRESS_REPLY', now, { userId: this.data.technicianId });
        } else {
          await this.returnToDispatch(i.actor, 'TECHNICIAN_DECLINE', { reason: i.reason });
        }
      },
    );

    this.update(
      logContact,
      (i) => {
        this.allow(i.actor, 'LOG_CONTACT');
        this.requireAssignedTechnician(i.actor);
        if (typeof i.note !== 'string') throw this.invalid(i.actor, 'note', 'note is required');
        if (i.appointment !== undefined && i.appointment !== null) {
          const start = Date.parse(i.appointment.start);
          const end = Date.parse(i.appointment.end);
          if (Number.isNaN(start) || Number.isNaN(end) || end <= start) {
            throw this.invalid(
              i.actor,
              'appointment',
              'appointment needs ISO start and end, end after start',
            );
          }
        }
      },
      (i) => {
        const now = Date.now();
        const firstContact = this.state.closeStage('FIRST_CONTACT').length > 0;
        const chasesAnswered = this.state.closeStage('CHASE_RESPONSE').map((d) => d.stageKey);
        const previousAppointment = this.data.details.appointment ?? null;
        if (i.appointment) this.data.details = { ...this.data.details, appointment: i.appointment };
        this.state.note(i.actor, 'LOG_CONTACT', now, {
          note: i.note,
          firstContact,
          chasesAnswered,
          ...(i.appointment ? { rescheduled: { from: previousAppointment, to: i.appointment } } : {}),
        });
      },
    );

    this.update(
      checkIn,
      (i) => {
        this.allow(i.actor, 'CHECK_IN');
        this.requireAssignedTechnician(i.actor);
        if (
          (i.lat !== undefined && typeof i.lat !== 'number') ||
          (i.lng !== undefined && typeof i.lng !== 'number')
        ) {
          throw this.invalid(i.actor, 'lat', 'lat and lng must be numbers');
        }
      },
      (i) => {
        const now = Date.now();
        const customer = this.data.details.customer;
        const radius = this.data.policy.checkInRadiusMeters;
        let distanceMeters: number | null = null;
        let outsideRadius = false;
        if (
          typeof i.lat === 'number' &&
          typeof i.lng === 'number' &&
          customer.lat != null &&
          customer.lng != null
        ) {
          const position = { lat: i.lat, lng: i.lng };
          const home = { lat: customer.lat, lng: customer.lng };
          distanceMeters = Math.round(haversineKm(position, home) * 1000);
          outsideRadius = !isWithinRadius(position, home, radius);
        }
        const entry = this.state.moveTo('ON_SITE', i.actor, 'CHECK_IN', now, {
          lat: i.lat ?? null,
          lng: i.lng ?? null,
          distanceMeters,
          radiusMeters: radius,
          outsideRadius,
        });
        if (outsideRadius) {
          this.notifyDispatchers(
            'CHECK_IN_OUTSIDE_RADIUS',
            `Check-in outside the radius on ${this.orderNo}`,
            `${this.data.technicianName ?? 'The technician'} checked in ${distanceMeters} m from the customer (radius ${radius} m).`,
            String(entry.seq),
          );
        }
      },
    );

    this.update(
      reportProgress,
      (i) => {
        this.allow(i.actor, 'REPORT_PROGRESS');
        this.requireAssignedTechnician(i.actor);
        if (!(MILESTONES as readonly string[]).includes(i.milestone)) {
          throw this.invalid(i.actor, 'milestone', `milestone must be one of ${MILESTONES.join(', ')}`);
        }
      },
      (i) => {
        const now = Date.now();
        this.state.closeStage('PROGRESS_REPLY');
        this.data.milestone = i.milestone;
        const clock = this.state.applyMilestoneToCompletion(now);
        this.state.moveTo('IN_PROGRESS', i.actor, 'REPORT_PROGRESS', now, {
          milestone: i.milestone,
          note: i.note ?? '',
          attachments: i.attachments ?? [],
          ...this.completionClockDetails(clock),
        });
      },
    );

    this.update(
      requestParts,
      (i) => {
        this.allow(i.actor, 'REQUEST_PARTS');
        this.requireAssignedTechnician(i.actor);
        if (
          !Array.isArray(i.items) ||
          i.items.length === 0 ||
          !i.items.every((it) => nonBlank(it?.code) && typeof it.quantity === 'number' && it.quantity > 0)
        ) {
          throw this.invalid(i.actor, 'items', 'items must list at least one {code, quantity > 0}');
        }
      },
      (i) => {
        const now = Date.now();
        const d = this.data;
        const id = `PR-${d.partsRequests.length + 1}`;
        d.partsRequests.push({
          id,
          items: i.items.map((it) => ({ code: it.code, quantity: it.quantity })),
          requestedAt: iso(now),
          receivedAt: null,
        });
        this.state.closeStage('PROGRESS_REPLY');
        d.milestone = 'WAITING_PARTS';
        const clock = this.state.applyMilestoneToCompletion(now);
        this.state.moveTo('IN_PROGRESS', i.actor, 'REQUEST_PARTS', now, {
          requestId: id,
          items: i.items,
          ...this.completionClockDetails(clock),
        });
      },
    );

    this.update(
      receiveParts,
      (i) => {
        this.allow(i.actor, 'RECEIVE_PARTS');
        this.requireAssignedTechnician(i.actor);
        const request = this.data.partsRequests.find((r) => r.id === i.requestId);
        if (!request)
          throw this.invalid(i.actor, 'requestId', `no parts request ${String(i.requestId)} on this order`);
        if (request.receivedAt !== null)
          throw this.invalid(i.actor, 'requestId', `parts request ${i.requestId} was already received`);
      },
      (i) => {
        const now = Date.now();
        const d = this.data;
        const request = d.partsRequests.find((r) => r.id === i.requestId);
        if (request) request.receivedAt = iso(now);
        const outstanding = d.partsRequests.filter((r) => r.receivedAt === null).map((r) => r.id);
        if (outstanding.length === 0 && d.milestone === 'WAITING_PARTS') d.milestone = 'IN_PROGRESS';
        const clock = this.state.applyMilestoneToCompletion(now);
        this.state.moveTo('IN_PROGRESS', i.actor, 'RECEIVE_PARTS', now, {
          requestId: i.requestId,
          outstanding,
          ...this.completionClockDetails(clock),
        });
      },
    );

    this.update(
      complete,
      (i) => {
        this.allow(i.actor, 'COMPLETE');
        this.requireAssignedTechnician(i.actor);
        if (!nonBlank(i.summary)) throw this.invalid(i.actor, 'summary', 'a summary of the work is required');
        if (!Array.isArray(i.partsUsed))
          throw this.invalid(i.actor, 'partsUsed', 'partsUsed must be a list (may be empty)');
        if (typeof i.laborHours !== 'number' || !(i.laborHours >= 0))
          throw this.invalid(i.actor, 'laborHours', 'laborHours must be a number of 0 or more');
      },
      (i) => {
        const now = Date.now();
        for (const stage of ['COMPLETION', 'PROGRESS_REPLY', 'FIRST_CONTACT', 'CHASE_RESPONSE'] as const)
          this.state.closeStage(stage);
        this.data.partsUsed = i.partsUsed;
        this.state.moveTo('PENDING_QC', i.actor, 'COMPLETE', now, {
          summary: i.summary,
          partsUsed: i.partsUsed,
          laborHours: i.laborHours,
        });
      },
    );

    this.update(
      qc,
      (i) => {
        this.allow(
          i.actor,
          i.result === 'PASS' ? 'QC_PASS' : i.result === 'FAIL' ? 'QC_FAIL' : this.badDecision(i.actor),
        );
        if (i.result === 'FAIL' && !nonBlank(i.note))
          throw this.invalid(i.actor, 'note', 'a failed QC needs the reasons');
      },
      (i) => {
        const now = Date.now();
        if (i.result === 'PASS') {
          this.state.moveTo('PENDING_ACCEPTANCE', i.actor, 'QC_PASS', now, { note: i.note ?? null });
        } else {
          this.state.moveTo('IN_PROGRESS', i.actor, 'QC_FAIL', now, { note: i.note });
          // Back to work: a fresh completion deadline for the corrections.
          this.state.openStage('COMPLETION', now, { userId: this.data.technicianId });
        }
      },
    );

    this.update(
      chase,
      (i) => {
        this.allow(i.actor, 'CHASE');
        if (typeof i.note !== 'string') throw this.invalid(i.actor, 'note', 'note is required');
      },
      (i) => {
        const now = Date.now();
        this.data.chaseCount += 1;
        const deadline = this.state.openStage('CHASE_RESPONSE', now, { userId: this.data.technicianId });
        this.state.note(i.actor, 'CHASE', now, {
          note: i.note,
          chaseCount: this.data.chaseCount,
          stageKey: deadline.stageKey,
        });
      },
    );

    this.update(
      customerAcceptance,
      (i) => {
        this.allow(
          i.actor,
          i.decision === 'ACCEPT'
            ? 'CUSTOMER_ACCEPT'
            : i.decision === 'REJECT'
              ? 'CUSTOMER_REJECT'
              : this.badDecision(i.actor),
        );
        if (
          i.rating !== undefined &&
          i.rating !== null &&
          !(Number.isInteger(i.rating) && i.rating >= 1 && i.rating <= 5)
        ) {
          throw this.invalid(i.actor, 'rating', 'rating must be an integer from 1 to 5');
        }
        if (i.decision === 'REJECT' && !nonBlank(i.comment))
          throw this.invalid(i.actor, 'comment', 'tell us what is wrong (comment) to reject');
      },
      async (i) => {
        if (i.decision === 'ACCEPT') {
          await this.completeOrder(i.actor, 'CUSTOMER_ACCEPT', i.rating ?? null, i.comment ?? null);
        } else {
          await this.openRework(i.actor, i.comment ?? '', i.rating ?? null);
        }
      },
    );

    this.update(
      callback,
      (i) => {
        this.allow(i.actor, 'CALLBACK');
        if (this.data.tracks.callback !== 'PENDING')
          throw this.notAllowed(i.actor, 'the return visit is already done');
        if (typeof i.reached !== 'boolean' || typeof i.satisfied !== 'boolean') {
          throw this.invalid(i.actor, 'reached', 'reached and satisfied must be true or false');
        }
      },
      async (i) => {
        const now = Date.now();
        const d = this.data;
        if (!i.reached) {
          this.state.note(i.actor, 'CALLBACK_ATTEMPT', now, { reached: false, note: i.note ?? null });
          return;
        }
        d.tracks = { ...d.tracks, callback: 'DONE' };
        this.state.closeStage('CALLBACK');
        this.state.note(i.actor, 'CALLBACK', now, {
          reached: true,
          satisfied: i.satisfied,
          note: i.note ?? null,
        });
        if (!i.satisfied && d.tracks.feedback === 'NOT_NEEDED')
          await this.openFeedbackCase('CALLBACK_UNSATISFIED');
        this.closeIfDone();
      },
    );

    this.update(
      resolveFeedback,
      (i) => {
        const feedbackCase = this.data.feedbackCase;
        const isOwner = feedbackCase !== null && i.actor?.id != null && i.actor.id === feedbackCase.ownerId;
        // The owner may be any role (the intake clerk when no supervisor exists).
        if (!(isOwner && this.data.status === 'COMPLETED')) this.allow(i.actor, 'RESOLVE_FEEDBACK');
        if (!feedbackCase || feedbackCase.status !== 'OPEN')
          throw this.notAllowed(i.actor, 'there is no open feedback case');
        if (!nonBlank(i.resolution)) throw this.invalid(i.actor, 'resolution', 'resolution is required');
      },
      (i) => {
        const now = Date.now();
        const d = this.data;
        d.feedbackCase = {
          ...(d.feedbackCase as FeedbackCaseView),
          status: 'RESOLVED',
          resolvedAt: iso(now),
          resolution: i.resolution,
        };
        d.tracks = { ...d.tracks, feedback: 'RESOLVED' };
        this.state.closeStage('FEEDBACK_CLOSURE');
        this.state.note(i.actor, 'RESOLVE_FEEDBACK', now, { resolution: i.resolution });
        this.closeIfDone();
      },
    );

    this.update(
      settle,
      (i) => {
        this.allow(i.actor, 'SETTLE');
        if (this.data.tracks.settlement !== 'PENDING')
          throw this.notAllowed(i.actor, 'the order is already settled');
        const problem =
          typeof i.amount === 'number'
            ? settlementProblem(this.data.details, i.amount)
            : 'amount is required';
        if (problem) throw this.invalid(i.actor, 'amount', problem);
        if (!nonBlank(i.paymentMethod))
          throw this.invalid(i.actor, 'paymentMethod', 'paymentMethod is required');
        // Free (in-warranty) work needs no invoice.
        if (expectedSettlement(this.data.details) > 0 && !nonBlank(i.invoiceNo))
          throw this.invalid(i.actor, 'invoiceNo', 'invoiceNo is required');
      },
      (i) => {
        const now = Date.now();
        const d = this.data;
        d.tracks = { ...d.tracks, settlement: 'DONE' };
        this.state.closeStage('SETTLEMENT');
        this.state.note(i.actor, 'SETTLE', now, {
          amount: i.amount,
          paymentMethod: i.paymentMethod,
          invoiceNo: i.invoiceNo ?? null,
        });
        this.closeIfDone();
      },
    );

    this.update(
      cancel,
      (i) => {
        this.allow(i.actor, 'CANCEL');
        if (!nonBlank(i.reason)) throw this.invalid(i.actor, 'reason', 'a reason is required to cancel');
      },
      async (i) => {
        const now = Date.now();
        const d = this.data;
        const technicianId = d.technicianId;
        this.state.closeAllStages();
        d.cancelReason = i.reason;
        const entry = this.state.moveTo('CANCELLED', i.actor, 'CANCEL', now, { reason: i.reason });
        if (technicianId) {
          await this.releaseTechnician(technicianId);
          this.notifyLater(
            'ORDER_CANCELLED',
            { userIds: [technicianId] },
            `Order ${this.orderNo} was cancelled`,
            i.reason,
            String(entry.seq),
          );
        }
      },
    );
  }

  /** Registers an update whose validator also runs again inside the exclusive section (the state may have moved). */
  private update<A extends { actor: Actor }>(
    definition: UpdateDefinition<OrderView, [A]>,
    validate: Validator<A>,
    handle: (arg: A) => Promise<void> | void,
  ): void {
    setHandler(
      definition,
      async (arg: A) => {
        try {
          await this.exclusive(async () => {
            validate(arg);
            await handle(arg);
          });
        } finally {
          this.wake = true;
        }
        return this.state.view();
      },
      {
        validator: (arg: A) => {
          if (!isObject(arg) || !isObject(arg.actor) || typeof arg.actor.role !== 'string') {
            throw this.failure(
              ORDER_FAILURE.INVALID_INPUT,
              'actor with a role is required',
              'system',
              'actor',
            );
          }
          validate(arg);
        },
      },
    );
  }

  // ---- Dispatch ---------------------------------------------------------------------------------

  private dispatchFacts(): OrderToDispatch {
    const { details } = this.data;
    return {
      priority: details.priority,
      requiredSkills: details.requiredSkills ?? [],
      region: this.region(),
      lat: details.customer.lat ?? null,
      lng: details.customer.lng ?? null,
    };
  }

  /** AUTO picks at once; DIRECT tries the technician named at intake once; the others wait for a person. */
  private async systemDispatch(): Promise<void> {
    const d = this.data;
    if (d.status !== 'PENDING_DISPATCH') return;
    const mode = d.details.dispatchMode;
    let how: 'AUTO' | 'DIRECT';
    let technicianId: string | undefined;
    if (mode === 'AUTO') {
      how = 'AUTO';
    } else if (mode === 'DIRECT' && !d.directTried && d.details.directTechnicianId) {
      d.directTried = true;
      how = 'DIRECT';
      technicianId = d.details.directTechnicianId;
    } else {
      return;
    }
    const result = await this.assignTechnician(SYSTEM, technicianId, how);
    if (result.ok) return;
    const action = how === 'AUTO' ? 'NO_ELIGIBLE_TECHNICIAN' : 'DIRECT_TECHNICIAN_INELIGIBLE';
    const entry = this.state.note(SYSTEM, action, Date.now(), {
      reason: result.reason,
      explanation: result.explanation,
      candidates: result.candidates,
    });
    this.notifyDispatchers(
      action,
      how === 'AUTO'
        ? `No eligible technician for ${this.orderNo}`
        : `Named technician not eligible for ${this.orderNo}`,
      `${result.explanation} Please assign the order by hand.`,
      String(entry.seq),
    );
  }

  /**
   * Reserves a technician (named or the best-scoring one) and moves the order to ASSIGNED. A reassignment
   * releases the previous technician in the same transaction and tells them.
   */
  private async assignTechnician(
    actor: Actor,
    technicianId: string | undefined,
    how: 'MANUAL' | 'AUTO' | 'DIRECT',
  ): Promise<ReservationResult> {
    const d = this.data;
    const replacing = d.status !== 'PENDING_DISPATCH' ? d.technicianId : null;
    const excludedIds =
      replacing && technicianId === undefined
        ? [...d.excludedTechnicianIds, replacing]
        : d.excludedTechnicianIds;
    const result = await orderActivities.reserveTechnician.executeWithOptions(
      {
        summary: `Reserve ${technicianId ? `technician ${technicianId}` : 'best technician'} for ${this.orderNo}`,
      },
      [{ orderNo: this.orderNo, order: this.dispatchFacts(), excludedIds, technicianId, replacing }],
    );
    if (!result.ok) return result;
    const now = Date.now();
    d.technicianId = result.technicianId;
    d.technicianName = result.technicianName;
    if (replacing) {
      // First contact and progress reply belonged to the technician who is leaving.
      this.state.closeStage('FIRST_CONTACT');
      this.state.closeStage('PROGRESS_REPLY');
    }
    const action =
      how === 'MANUAL'
        ? replacing
          ? 'REASSIGN'
          : 'ASSIGN'
        : how === 'AUTO'
          ? 'AUTO_ASSIGN'
          : 'DIRECT_ASSIGN';
    const entry = this.state.moveTo(
      'ASSIGNED',
      actor,
      action,
      now,
      {
        technicianId: result.technicianId,
        technicianName: result.technicianName,
        previousTechnicianId: replacing,
        explanation: result.explanation,
        candidates: result.candidates,
      },
      { restartStage: true },
    );
    this.takeOverTechnicianDeadlines(result.technicianId, now);
    this.notifyLater(
      'ASSIGNED',
      { userIds: [result.technicianId] },
      `New order ${this.orderNo}`,
      `You were assigned order ${this.orderNo} (${d.details.type}, ${d.details.priority}). Please accept or decline.`,
      String(entry.seq),
    );
    if (replacing) {
      this.notifyLater(
        'REASSIGNED_AWAY',
        { userIds: [replacing] },
        `Order ${this.orderNo} was reassigned`,
        `Order ${this.orderNo} was reassigned to ${result.technicianName}; you no longer need to act on it.`,
        String(entry.seq),
      );
    }
    return result;
  }

  /** The completion clock runs from assignment; a reassignment hands the running clock over. */
  private takeOverTechnicianDeadlines(technicianId: string, now: number): void {
    const completion = this.state.live('COMPLETION');
    if (completion) completion.responsibleUserId = technicianId;
    else this.state.openStage('COMPLETION', now, { userId: technicianId });
    for (const deadline of this.data.deadlines) {
      if (deadline.stage === 'CHASE_RESPONSE') deadline.responsibleUserId = technicianId;
    }
  }

  /** Decline or acceptance timeout: the technician is excluded for this order and dispatch starts again. */
  private async returnToDispatch(
    actor: Actor,
    action: 'TECHNICIAN_DECLINE' | 'TECHNICIAN_TIMEOUT',
    details: Record<string, unknown>,
  ): Promise<void> {
    const d = this.data;
    const technicianId = d.technicianId;
    const technicianName = d.technicianName;
    if (technicianId && !d.excludedTechnicianIds.includes(technicianId))
      d.excludedTechnicianIds.push(technicianId);
    d.technicianId = null;
    d.technicianName = null;
    this.state.closeStage('COMPLETION');
    const entry = this.state.moveTo('PENDING_DISPATCH', actor, action, Date.now(), {
      technicianId,
      technicianName,
      ...details,
    });
    if (technicianId) await this.releaseTechnician(technicianId);
    const what = action === 'TECHNICIAN_DECLINE' ? 'declined' : 'did not answer in time on';
    this.notifyDispatchers(
      action === 'TECHNICIAN_DECLINE' ? 'TECHNICIAN_DECLINED' : 'TECHNICIAN_TIMEOUT',
      `${technicianName ?? 'The technician'} ${what} ${this.orderNo}`,
      `${technicianName ?? technicianId ?? 'The technician'} ${what} order ${this.orderNo}` +
        (typeof details.reason === 'string' ? `: ${details.reason}` : '.') +
        (d.details.dispatchMode === 'AUTO'
          ? ' It is being dispatched again automatically.'
          : ' Please assign it again.'),
      String(entry.seq),
    );
    await this.systemDispatch();
  }

  /** Frees the capacity the technician's reservation held (idempotent). */
  private async releaseTechnician(technicianId: string): Promise<void> {
    await orderActivities.releaseTechnician.executeWithOptions(
      { summary: `Release technician of ${this.orderNo}` },
      [{ orderNo: this.orderNo, technicianId }],
    );
  }

  private checkDispatcherRegion(actor: Actor): void {
    if (actor.role !== 'dispatcher') return;
    const region = this.region();
    const mine = actor.region ?? null;
    const same = sameRegion(region, mine);
    if (this.data.details.dispatchMode === 'REGIONAL' && region !== null && !same) {
      throw this.failure(
        ORDER_FAILURE.FORBIDDEN,
        `only a dispatcher of region ${region} may dispatch this REGIONAL order`,
        actor.role,
      );
    }
    if (mine !== null && region !== null && !same) {
      throw this.failure(
        ORDER_FAILURE.FORBIDDEN,
        `a dispatcher of region ${mine} may not dispatch an order of region ${region}`,
        actor.role,
      );
    }
  }

  // ---- Completion, rework and the tracks after completion ---------------------------------------

  private async completeOrder(
    actor: Actor,
    action: string,
    rating: number | null,
    comment: string | null,
  ): Promise<void> {
    const now = Date.now();
    const d = this.data;
    d.rating = rating;
    d.completedAt = iso(now);
    this.state.closeAllStages();
    this.state.moveTo('COMPLETED', actor, action, now, { rating, comment });
    d.tracks = { callback: 'PENDING', settlement: 'PENDING', feedback: 'NOT_NEEDED' };
    this.state.openStage('CALLBACK', now, { userId: d.createdBy.id });
    this.state.openStage('SETTLEMENT', now, { userId: null });
    if (d.technicianId) await this.releaseTechnician(d.technicianId);
    if (rating !== null && rating <= 2) await this.openFeedbackCase('LOW_RATING');
    else if (d.details.type === 'COMPLAINT') await this.openFeedbackCase('COMPLAINT');
  }

  private async openFeedbackCase(category: FeedbackCaseView['category']): Promise<void> {
    const d = this.data;
    const owner = await orderActivities.pickFeedbackOwner.executeWithOptions(
      { summary: `Pick feedback owner for ${this.orderNo}` },
      [{ orderNo: this.orderNo, region: this.region() }],
    );
    // No supervisor on staff: the clerk who took the order owns it.
    const ownerId = owner.userId ?? d.createdBy.id;
    const now = Date.now();
    d.feedbackCase = {
      status: 'OPEN',
      category,
      ownerId,
      openedAt: iso(now),
      resolvedAt: null,
      resolution: null,
    };
    d.tracks = { ...d.tracks, feedback: 'OPEN' };
    const deadline = this.state.openStage('FEEDBACK_CLOSURE', now, {
      userId: ownerId,
      reminderEveryMs: parseDuration(d.policy.targets.closureReminderEvery),
    });
    const entry = this.state.note(SYSTEM, 'FEEDBACK_CASE_OPENED', now, {
      category,
      ownerId,
      ownerName: owner.username,
      stageKey: deadline.stageKey,
    });
    this.notifyLater(
      'FEEDBACK_CASE_ASSIGNED',
      ownerId ? { userIds: [ownerId] } : { roles: ['supervisor'] },
      `Feedback case on ${this.orderNo}`,
      `A ${category} feedback case on order ${this.orderNo} is yours to resolve.`,
      String(entry.seq),
    );
  }

  /** The customer rejected the work: a numbered rework round, then back to the same technician. */
  private async openRework(actor: Actor, comment: string, rating: number | null): Promise<void> {
    const now = Date.now();
    const d = this.data;
    d.reworkRound += 1;
    const round = d.reworkRound;
    this.state.moveTo('REWORK', actor, 'CUSTOMER_REJECT', now, { comment, rating, reworkRound: round });
    if (round > d.policy.maxReworks) {
      // Beyond the allowed rounds: the supervisor hears about it (with the technician and dispatcher).
      const fired = await this.escalate(
        {
          stage: 'COMPLETION',
          stageKey: `REWORK_LIMIT#${round}`,
          level: 2,
          dueAt: iso(now),
          firedAt: iso(now),
          responsibleUserId: d.technicianId,
          responsibleRole: 'technician',
        },
        `Rework round ${round} over the limit on ${this.orderNo}`,
      );
      this.state.note(SYSTEM, 'REWORK_LIMIT_EXCEEDED', Date.now(), {
        reworkRound: round,
        maxReworks: d.policy.maxReworks,
        ...fired,
      });
    }
    const entry = this.state.moveTo(
      'ASSIGNED',
      SYSTEM,
      'REWORK_ASSIGNED',
      Date.now(),
      { technicianId: d.technicianId, reworkRound: round },
      { restartStage: true },
    );
    if (d.technicianId) {
      this.takeOverTechnicianDeadlines(d.technicianId, Date.now());
      this.notifyLater(
        'REWORK',
        { userIds: [d.technicianId] },
        `Rework round ${round} on ${this.orderNo}`,
        `The customer rejected the work: ${comment}`,
        String(entry.seq),
      );
    }
  }

  private closeIfDone(): void {
    if (this.data.status !== 'COMPLETED' || !this.state.allTracksDone()) return;
    const now = Date.now();
    this.data.closedAt = iso(now);
    this.state.closeAllStages();
    this.state.moveTo('CLOSED', SYSTEM, 'CLOSE', now, { tracks: this.data.tracks });
  }

  private completionClockDetails(change: { paused: boolean; resumed: boolean }): Record<string, unknown> {
    const completion = this.state.live('COMPLETION');
    const due = completion ? dueAt(completion.clock) : null;
    return {
      milestone: this.data.milestone,
      completionClock: change.paused
        ? 'PAUSED'
        : change.resumed
          ? 'RESUMED'
          : completion
            ? 'UNCHANGED'
            : 'NONE',
      completionDueAt: due === null ? null : iso(due),
    };
  }

  // ---- Refusals ---------------------------------------------------------------------------------

  /** Role first (403), then status (409), as the domain's transition table says. */
  private allow(actor: Actor, action: OrderAction): void {
    if (actor.role === 'system')
      throw this.failure(ORDER_FAILURE.FORBIDDEN, 'the system actor sends no commands', 'system');
    const decision = decide(this.data.status, action, actor.role);
    if (!decision.allowed) {
      throw this.failure(
        decision.reason === 'ROLE' ? ORDER_FAILURE.FORBIDDEN : ORDER_FAILURE.ACTION_NOT_ALLOWED,
        decision.message,
        actor.role,
      );
    }
  }

  private requireAssignedTechnician(actor: Actor): void {
    if (actor.id === null || actor.id !== this.data.technicianId) {
      throw this.failure(
        ORDER_FAILURE.FORBIDDEN,
        'only the technician assigned to this order may do this',
        actor.role,
      );
    }
  }

  private badDecision(actor: Actor): never {
    throw this.invalid(actor, 'decision', 'unknown decision');
  }

  private invalid(actor: Actor, field: string, message: string): ApplicationFailure {
    return this.failure(ORDER_FAILURE.INVALID_INPUT, message, actor?.role ?? 'system', field);
  }

  private notAllowed(actor: Actor, message: string): ApplicationFailure {
    return this.failure(
      ORDER_FAILURE.ACTION_NOT_ALLOWED,
      `${message} (order is ${this.data.status})`,
      actor.role,
    );
  }

  private failure(
    type: OrderFailureType,
    message: string,
    role: Actor['role'],
    field?: string,
  ): ApplicationFailure {
    const details: RefusalDetails = {
      status: this.data.status,
      allowedActions: isRole(role) ? allowedActions(this.data.status, role) : [],
      ...(field ? { field } : {}),
    };
    return ApplicationFailure.create({ type, message, nonRetryable: true, details: [details] });
  }
}

// ---- Small pure helpers ---------------------------------------------------------------------------

function isRole(role: Actor['role']): role is Role {
  return (ROLES as readonly string[]).includes(role);
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonBlank(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Supplied fields replace the intake's; customer and equipment merge field by field. */
function mergeDetails(current: OrderDetails, patch: Partial<OrderDetails>): OrderDetails {
  return {
    ...current,
    ...patch,
    customer: { ...current.customer, ...(patch.customer ?? {}) },
    equipment: patch.equipment ? { ...(current.equipment ?? {}), ...patch.equipment } : current.equipment,
  };
}

function eventSummary(event: DeadlineEvent): string {
  const at = iso(event.at);
  switch (event.kind) {
    case 'LADDER':
      return `${LADDER[event.level]?.name ?? event.level} ${event.deadline.stageKey} at ${at}`;
    case 'EXPIRE':
      return `${event.deadline.onDue === 'AUTO_ACCEPT' ? 'auto-accept' : 'acceptance timeout'} ${event.deadline.stageKey} at ${at}`;
    case 'REMIND':
      return `reminder ${event.reminder} ${event.deadline.stageKey} at ${at}`;
    // Follow-ups came later; these runs never schedule one.
    case 'FOLLOW_UP':
      return `follow-up ${event.deadline.stageKey} at ${at}`;
  }
}
