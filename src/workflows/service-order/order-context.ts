// What every phase of the order works with: the state, its deadlines, the effect queue and the refusals,
// plus the effects more than one phase queues (notifications, escalation records, releasing a
// technician). Phases get this object from the workflow entry and never import each other.
import type { EscalationStep, NotifyInput, RecipientView } from '../../activities/notification.contract';
import type { OrderMessage } from '../../notifications/templates';
import { deliveryActivities, notificationActivities, orderActivities, stockActivities } from './activities';
import type { Deadlines, LiveDeadline } from './deadlines';
import { Effects } from './effects';
import { Refusals } from './refusals';
import type { Actor } from './service-order.messages';
import type { OrderData, OrderState } from './service-order.state';

export interface FiredEscalation {
  escalationId: string;
  recipients: Pick<RecipientView, 'userId' | 'username' | 'role'>[];
}

export type Recipients = Pick<NotifyInput, 'userIds' | 'roles'>;

export class OrderContext {
  readonly refuse: Refusals;
  readonly effects: Effects;
  /** Set by every handler and every settled activity so the main loop takes another turn. */
  wake = false;

  constructor(readonly state: OrderState) {
    this.refuse = new Refusals(() => this.state.data.status);
    this.effects = new Effects(() => {
      this.wake = true;
    });
  }

  get data(): OrderData {
    return this.state.data;
  }

  get deadlines(): Deadlines {
    return this.state.deadlines;
  }

  get orderNo(): string {
    return this.state.data.orderNo;
  }

  /** The lifecycle rules made right (issue 10) hold for runs started with them. */
  get rulesV2(): boolean {
    return this.state.rulesV2;
  }

  region(): string | null {
    return this.data.details.customer.region ?? null;
  }

  requireAssignedTechnician(actor: Actor): void {
    if (actor.id === null || actor.id !== this.data.technicianId) {
      throw this.refuse.forbidden(actor, 'only the technician assigned to this order may do this');
    }
  }

  // ---- Notifications ----------------------------------------------------------------------------

  /** Queues in-app notifications (and outbox rows); a failing channel never blocks the order. */
  notify(kind: string, to: Recipients, message: OrderMessage, key: string): void {
    const request: NotifyInput = {
      orderNo: this.orderNo,
      kind,
      ...to,
      region: this.region(),
      title: message.title,
      body: message.body,
      idempotencyKey: `${this.orderNo}:${kind}:${key}`,
    };
    const summary = `Notify ${kind} (${this.orderNo})`;
    this.effects.add(
      'notify',
      summary,
      () => notificationActivities.notify.executeWithOptions({ summary }, [request]),
      { apply: (result) => this.deliverAll(result.deliveryIds) },
    );
  }

  /** The deadline's person when it has one, else everyone of its responsible role (in the order's region). */
  responsibleFor(deadline: Pick<LiveDeadline, 'responsibleUserId' | 'responsibleRole'>): Recipients {
    return deadline.responsibleUserId
      ? { userIds: [deadline.responsibleUserId] }
      : { roles: [deadline.responsibleRole] };
  }

  notifyDispatchers(kind: string, message: OrderMessage, key: string): void {
    this.notify(kind, { roles: ['dispatcher'] }, message, key);
  }

  /**
   * Queues the sends of outbox rows. The state lists one entry per `deliver` not yet settled, so
   * continue-as-new can hand over what is still in flight.
   */
  deliverAll(deliveryIds: string[]): void {
    for (const id of deliveryIds) {
      this.data.pendingDeliveryIds.push(id);
      const settled = (): void => {
        const pending = this.data.pendingDeliveryIds;
        const at = pending.indexOf(id);
        if (at >= 0) pending.splice(at, 1);
      };
      const summary = `Deliver notification ${id}`;
      this.effects.add(
        'deliver',
        summary,
        () => deliveryActivities.deliver.executeWithOptions({ summary }, [id]),
        { apply: settled, onFailure: settled },
      );
    }
  }

  /**
   * Keeps the escalation on the order and queues its record with its notifications (one activity); once
   * stored, `recorded` puts it on the timeline and its sends are queued.
   */
  escalate(
    step: Omit<EscalationStep, 'orderNo' | 'region'>,
    summary: string,
    recorded: (fired: FiredEscalation) => void,
  ): void {
    const { stage, stageKey, level, dueAt, firedAt } = step;
    this.data.escalations.push({ stage, stageKey, level, dueAt, firedAt });
    const request: EscalationStep = { ...step, orderNo: this.orderNo, region: this.region() };
    this.effects.add(
      'fireEscalation',
      summary,
      () => notificationActivities.fireEscalation.executeWithOptions({ summary }, [request]),
      {
        inOrder: true,
        apply: (result) => {
          this.deliverAll(result.deliveryIds);
          recorded({
            escalationId: result.escalationId,
            recipients: result.recipients.map((r) => ({
              userId: r.userId,
              username: r.username,
              role: r.role,
            })),
          });
        },
      },
    );
  }

  // ---- Parts ------------------------------------------------------------------------------------

  /**
   * The order will use no more parts (cancelled, quote declined): what it holds reserved goes back to the
   * shelf and its open purchase requests are cancelled. Only on priced runs that reserved or requested any.
   */
  releaseParts(reason: string): void {
    if (!this.data.pricing || this.data.pricing.reservations.length === 0) return;
    const summary = `Release parts of ${this.orderNo}`;
    const request = { orderNo: this.orderNo, key: `${this.orderNo}:release:${reason}`, actorId: null };
    this.effects.add('releaseOrderParts', summary, () =>
      stockActivities.releaseOrderParts.executeWithOptions({ summary }, [request]),
    );
  }

  // ---- Capacity ---------------------------------------------------------------------------------

  /**
   * Frees the capacity the technician's reservation held (idempotent). Blocking, so the command that
   * freed it answers once the technician can be given other work.
   */
  releaseTechnician(technicianId: string): void {
    const summary = `Release technician of ${this.orderNo}`;
    const request = { orderNo: this.orderNo, technicianId };
    this.effects.add(
      'releaseTechnician',
      summary,
      () => orderActivities.releaseTechnician.executeWithOptions({ summary }, [request]),
      { blocking: true },
    );
  }

  /**
   * The technician goes back to work that is already theirs (failed QC, rework): their capacity is held
   * again. Blocking like the release, so the two never race.
   */
  holdTechnician(technicianId: string): void {
    const summary = `Hold technician for ${this.orderNo}`;
    const request = { orderNo: this.orderNo, technicianId };
    this.effects.add(
      'holdTechnician',
      summary,
      () => orderActivities.holdTechnician.executeWithOptions({ summary }, [request]),
      { blocking: true },
    );
  }
}

/** An Update's body beside its state: checked (again when it runs), then applied. */
export interface Command<A> {
  validate(arg: A): void;
  handle(arg: A): Promise<void> | void;
}
