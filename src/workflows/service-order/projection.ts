// What the outside sees of the order: the read-model copy in PostgreSQL (one projection at a time, the
// next carrying everything recorded meanwhile) and the search attributes the Web UI filters on.
import type { TypedSearchAttributes } from '@temporalio/common';
import { setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import { orderActivities } from './activities';
import { eventSummary } from './deadlines';
import type { OrderContext } from './order-context';
import { searchAttributePairs, searchValuesFrom, searchValuesOf } from './search-values';

export class Projection {
  private projecting = false;
  private lastSearchAttributes = '';

  constructor(private readonly ctx: OrderContext) {}

  projected(): boolean {
    return this.ctx.data.revision <= this.ctx.data.projectedRevision;
  }

  /** Queues the projection of everything not yet written, ahead of every other queued effect. */
  schedule(): void {
    const d = this.ctx.data;
    if (this.projecting || this.projected()) return;
    const timeline = d.unprojected.slice();
    const view = this.ctx.state.view();
    const summary = `Project ${d.orderNo} r${view.revision} ${view.status} (+${timeline.length} timeline)`;
    this.projecting = true;
    this.ctx.effects.add(
      'projectOrder',
      summary,
      () =>
        orderActivities.projectOrder.executeWithOptions({ summary }, [
          { view, timeline, customerTokenHash: d.customerTokenHash },
        ]),
      {
        first: true,
        apply: () => {
          this.projecting = false;
          d.projectedRevision = Math.max(d.projectedRevision, view.revision);
          const lastSeq = timeline.length > 0 ? timeline[timeline.length - 1].seq : 0;
          d.unprojected = d.unprojected.filter((entry) => entry.seq > lastSeq);
        },
        onFailure: () => {
          this.projecting = false;
        },
      },
    );
  }

  /**
   * The run was started with these attributes (the intake sends them): the first turn upserts only what
   * differs from them, usually nothing.
   */
  startedWith(attributes: TypedSearchAttributes): void {
    this.lastSearchAttributes = JSON.stringify(searchValuesFrom(attributes));
  }

  /** Upserts the search attributes when one of them moved; refreshes the run's current details always. */
  syncSearchAttributes(now: number): void {
    const d = this.ctx.data;
    const deadlines = this.ctx.deadlines;
    const values = searchValuesOf(this.ctx.state);
    // Not a command: refreshed every turn, so it follows the next event even when no attribute moved.
    const nextEvent = deadlines.nextEvent(now);
    setCurrentDetails(
      `**${d.status}**` +
        (d.technicianName ? ` · technician ${d.technicianName}` : '') +
        (nextEvent ? ` · next: ${eventSummary(nextEvent)}` : ''),
    );
    const signature = JSON.stringify(values);
    if (signature === this.lastSearchAttributes) return;
    this.lastSearchAttributes = signature;
    upsertSearchAttributes(searchAttributePairs(values));
  }
}
