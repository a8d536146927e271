// In-memory fakes of every activity the order workflow calls, typed by the activities' own interfaces
// (ServiceOrderActivities, NotificationActivities): no PostgreSQL, no e-mail. Each fake keeps what the
// workflow asked of it, per order, so tests assert on the calls. One FakeBackOffice serves a test file's
// worker; orders never share state because everything is keyed by order number.
import type {
  FeedbackOwner,
  FeedbackOwnerInput,
  ProjectOrderInput,
  ReleaseTechnicianInput,
  ReservationResult,
  ReserveTechnicianInput,
  ServiceOrderActivities,
} from '../../src/activities/service-order.activities';
import type {
  CustomerMessageInput,
  EscalationStep,
  NotificationActivities,
  NotificationResult,
  NotifyInput,
} from '../../src/activities/notification.contract';
import type { OrderView, TimelineEntryView } from '../../src/workflows/service-order/service-order.messages';

export interface FakeTechnician {
  id: string;
  name: string;
  /** False: the fake refuses to reserve them (a named assignment answers INELIGIBLE). */
  eligible?: boolean;
}

/** How the back office answers for one order. */
export interface OrderStaffing {
  /** Candidates of an automatic reservation, best first. */
  technicians: FakeTechnician[];
  /** Who `pickFeedbackOwner` names (null: nobody on staff). */
  feedbackOwner: FeedbackOwner;
  /** True: every notification and escalation gets one outbox row to `deliver`. */
  outbox?: boolean;
}

/** Starts the message of every failure `failNext` injects. */
export const FAKE_FAILURE_PREFIX = 'fake activity failure:';

export type ActivityName = keyof ServiceOrderActivities | keyof NotificationActivities;

export interface RecordedCall {
  activity: ActivityName;
  input: unknown;
  /** Wall-clock ms when the fake was called. */
  at: number;
}

export class FakeBackOffice {
  private readonly staffing = new Map<string, OrderStaffing>();
  /** Order → technician whose capacity the order holds (what technician_assignments would hold). */
  private readonly held = new Map<string, string>();
  private readonly calls = new Map<string, RecordedCall[]>();
  /** Order → the newest projected view (an older revision never replaces a newer one). */
  private readonly projectedViews = new Map<string, OrderView>();
  /** Order → projected timeline by seq (a repeated entry is kept once, like ON CONFLICT DO NOTHING). */
  private readonly projectedTimeline = new Map<string, Map<number, TimelineEntryView>>();
  private readonly escalationIds = new Map<string, string>();
  /** Delivery id → order, for `deliver`, which is called with the id alone. */
  private readonly deliveryOrders = new Map<string, string>();
  private lastDeliveryId = 0;
  /** `${orderNo}:${activity}` → how many more calls fail (after being recorded). */
  private readonly failures = new Map<string, number>();

  /** The activities to register on the worker. */
  readonly activities: ServiceOrderActivities & NotificationActivities = {
    projectOrder: async (input: ProjectOrderInput) => {
      const { view } = input;
      this.record(view.orderNo, 'projectOrder', input);
      const current = this.projectedViews.get(view.orderNo);
      if (!current || current.revision < view.revision) this.projectedViews.set(view.orderNo, view);
      const timeline = this.projectedTimeline.get(view.orderNo) ?? new Map<number, TimelineEntryView>();
      for (const entry of input.timeline) if (!timeline.has(entry.seq)) timeline.set(entry.seq, entry);
      this.projectedTimeline.set(view.orderNo, timeline);
    },

    reserveTechnician: async (input: ReserveTechnicianInput): Promise<ReservationResult> => {
      this.record(input.orderNo, 'reserveTechnician', input);
      const roster = this.staffingOf(input.orderNo).technicians;
      const existing = this.held.get(input.orderNo);
      if (existing && existing !== input.replacing) {
        const wanted = input.technicianId === undefined || input.technicianId === existing;
        if (wanted && !input.excludedIds.includes(existing)) {
          const tech = roster.find((t) => t.id === existing);
          return reserved(existing, tech?.name ?? existing, true);
        }
      }
      if (input.technicianId !== undefined) {
        const named = roster.find((t) => t.id === input.technicianId);
        if (!named) {
          return refused('UNKNOWN_TECHNICIAN', `no technician with id ${input.technicianId}`);
        }
        if (named.eligible === false || input.excludedIds.includes(named.id)) {
          return refused('INELIGIBLE', `${named.name} (${named.id}) is not eligible`);
        }
        this.held.set(input.orderNo, named.id);
        return reserved(named.id, named.name, false);
      }
      const best = roster.find((t) => t.eligible !== false && !input.excludedIds.includes(t.id));
      if (!best) {
        return refused(
          'NO_ELIGIBLE',
          `no eligible technician (${roster.length} known, ${input.excludedIds.length} excluded)`,
        );
      }
      this.held.set(input.orderNo, best.id);
      return reserved(best.id, best.name, false);
    },

    holdTechnician: async (input: ReleaseTechnicianInput) => {
      this.record(input.orderNo, 'holdTechnician', input);
      this.held.set(input.orderNo, input.technicianId);
    },

    releaseTechnician: async (input: ReleaseTechnicianInput) => {
      this.record(input.orderNo, 'releaseTechnician', input);
      if (this.held.get(input.orderNo) === input.technicianId) this.held.delete(input.orderNo);
    },

    pickFeedbackOwner: async (input: FeedbackOwnerInput) => {
      this.record(input.orderNo, 'pickFeedbackOwner', input);
      return this.staffingOf(input.orderNo).feedbackOwner;
    },

    fireEscalation: async (step: EscalationStep) => {
      this.record(step.orderNo, 'fireEscalation', step);
      const key = `${step.orderNo}:${step.stageKey}:${step.level}`;
      const escalationId = this.escalationIds.get(key) ?? `esc-${this.escalationIds.size + 1}`;
      this.escalationIds.set(key, escalationId);
      return {
        escalationId,
        ...this.result(step.orderNo, step.responsibleUserId ? [step.responsibleUserId] : []),
      };
    },

    notify: async (input: NotifyInput) => {
      this.record(input.orderNo, 'notify', input);
      return this.result(input.orderNo, input.userIds ?? []);
    },

    // Like `notify`: one outbox row when the order's staffing has an outbox.
    notifyCustomer: async (input: CustomerMessageInput) => {
      this.record(input.orderNo, 'notifyCustomer', input);
      const { deliveryIds } = this.result(input.orderNo, ['customer']);
      return { deliveryIds, sentTo: ['+86 •••• 0001'] };
    },

    deliver: async (deliveryId: string) => {
      this.record(this.deliveryOrders.get(deliveryId) ?? 'unknown', 'deliver', deliveryId);
    },
  };

  /** Sets how the back office answers for `orderNo` (before the order starts). */
  staff(orderNo: string, staffing: OrderStaffing): void {
    this.staffing.set(orderNo, staffing);
  }

  /**
   * The next `times` calls of `activity` for the order fail with a retryable error (recorded first, so
   * tests see the attempts); the workflow's retry policy decides what happens next.
   */
  failNext(orderNo: string, activity: ActivityName, times = 1): void {
    this.failures.set(`${orderNo}:${activity}`, times);
  }

  /** Every call for the order, in call order; narrowed to one activity when given. */
  callsOf(orderNo: string, activity?: ActivityName): RecordedCall[] {
    const calls = this.calls.get(orderNo) ?? [];
    return activity ? calls.filter((c) => c.activity === activity) : [...calls];
  }

  /** Which activities were called for the order, in order (projections left out: they follow every change). */
  activityLog(orderNo: string): ActivityName[] {
    return this.callsOf(orderNo)
      .map((c) => c.activity)
      .filter((a) => a !== 'projectOrder');
  }

  reservations(orderNo: string): ReserveTechnicianInput[] {
    return this.callsOf(orderNo, 'reserveTechnician').map((c) => c.input as ReserveTechnicianInput);
  }

  releasedTechnicians(orderNo: string): string[] {
    return this.callsOf(orderNo, 'releaseTechnician').map(
      (c) => (c.input as ReleaseTechnicianInput).technicianId,
    );
  }

  /** The technician whose capacity the order holds now, if any. */
  heldTechnician(orderNo: string): string | null {
    return this.held.get(orderNo) ?? null;
  }

  notifications(orderNo: string, kind?: string): NotifyInput[] {
    return this.callsOf(orderNo, 'notify')
      .map((c) => c.input as NotifyInput)
      .filter((n) => kind === undefined || n.kind === kind);
  }

  escalations(orderNo: string): EscalationStep[] {
    return this.callsOf(orderNo, 'fireEscalation').map((c) => c.input as EscalationStep);
  }

  deliveries(orderNo: string): string[] {
    return this.callsOf(orderNo, 'deliver').map((c) => c.input as string);
  }

  /** The outbox rows handed out for the order (one per notification or escalation with `outbox`). */
  deliveryIdsIssued(orderNo: string): string[] {
    return [...this.deliveryOrders].filter(([, order]) => order === orderNo).map(([id]) => id);
  }

  /** The read model as the projections left it: the newest view and the timeline in seq order. */
  projected(orderNo: string): { view: OrderView | null; timeline: TimelineEntryView[] } {
    const timeline = [...(this.projectedTimeline.get(orderNo)?.values() ?? [])].sort((a, b) => a.seq - b.seq);
    return { view: this.projectedViews.get(orderNo) ?? null, timeline };
  }

  /** The projected timeline's actions, in seq order. */
  projectedActions(orderNo: string): string[] {
    return this.projected(orderNo).timeline.map((entry) => entry.action);
  }

  private staffingOf(orderNo: string): OrderStaffing {
    return this.staffing.get(orderNo) ?? { technicians: [], feedbackOwner: { userId: null, username: null } };
  }

  private record(orderNo: string, activity: ActivityName, input: unknown): void {
    const calls = this.calls.get(orderNo) ?? [];
    calls.push({ activity, input: structuredClone(input), at: Date.now() });
    this.calls.set(orderNo, calls);
    const key = `${orderNo}:${activity}`;
    const failing = this.failures.get(key) ?? 0;
    if (failing > 0) {
      this.failures.set(key, failing - 1);
      throw new Error(`${FAKE_FAILURE_PREFIX} ${activity} of ${orderNo}`);
    }
  }

  private result(orderNo: string, userIds: string[]): NotificationResult {
    const deliveryIds: string[] = [];
    if (this.staffingOf(orderNo).outbox) {
      const id = `dlv-${++this.lastDeliveryId}`;
      this.deliveryOrders.set(id, orderNo);
      deliveryIds.push(id);
    }
    // The fake knows people by id only; the workflow keeps recipients for the timeline and nothing else.
    return {
      recipients: userIds.map((userId) => ({
        userId,
        username: userId,
        role: 'technician',
        region: null,
        viaFallback: false,
      })),
      deliveryIds,
    };
  }
}

function reserved(technicianId: string, technicianName: string, alreadyReserved: boolean): ReservationResult {
  return {
    ok: true,
    technicianId,
    technicianName,
    explanation: `fake back office chose ${technicianName}`,
    candidates: [],
    alreadyReserved,
  };
}

function refused(
  reason: 'NO_ELIGIBLE' | 'INELIGIBLE' | 'UNKNOWN_TECHNICIAN',
  explanation: string,
): ReservationResult {
  return { ok: false, reason, explanation, candidates: [] };
}
