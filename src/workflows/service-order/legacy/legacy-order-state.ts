// The state API the frozen legacy workflow was written against, over today's state and deadlines.
// Only names differ: every method does what it did when that code was recorded.
import { completionPausedFor, type BusinessCalendar, type SlaPolicy, type SlaStage } from '../../../domain';
import type { DeadlineEvent, LiveDeadline, OpenStageOptions } from '../deadlines';
import { OrderState } from '../service-order.state';

export { iso, SYSTEM, type OrderData } from '../service-order.state';
export type { DeadlineEvent, LiveDeadline } from '../deadlines';

export class LegacyOrderState extends OrderState {
  openStage(stage: SlaStage, now: number, options: OpenStageOptions): LiveDeadline {
    return this.deadlines.open(stage, now, options);
  }

  closeStage(stage: SlaStage): LiveDeadline[] {
    return this.deadlines.close(stage);
  }

  closeAllStages(): void {
    this.deadlines.closeAll();
  }

  live(stage: SlaStage): LiveDeadline | undefined {
    return this.deadlines.live(stage);
  }

  applyMilestoneToCompletion(now: number): { paused: boolean; resumed: boolean } {
    return this.deadlines.setPaused(
      'COMPLETION',
      completionPausedFor(this.data.milestone, this.data.policy),
      now,
    );
  }

  nextEvent(): DeadlineEvent | undefined {
    return this.deadlines.nextEvent(Date.now());
  }

  nextDeadline(): number | null {
    return this.deadlines.nextDue();
  }

  escalationLevel(): number {
    return this.deadlines.escalationLevel();
  }

  retargetAll(
    policy: SlaPolicy,
    calendar: BusinessCalendar | null,
    now: number,
  ): { stageKey: string; oldDueAt: string | null; newDueAt: string | null }[] {
    this.data.policy = policy;
    this.data.calendar = calendar;
    return this.deadlines.retargetAll(now);
  }
}
