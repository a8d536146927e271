// What a technician should do next on an order, read from its running deadlines and allowed actions.
import type { StaffOrder } from '../dispatch/order-queries';

type Deadline = StaffOrder['deadlines'][number];
type Action = StaffOrder['allowedActions'][number];

/** What the technician does about each of their stages, in the imperative. */
const STAGE_TASKS: Partial<Record<Deadline['stage'], string>> = {
  TECHNICIAN_ACCEPTANCE: 'Accept or decline',
  FIRST_CONTACT: 'Contact the customer',
  PROGRESS_REPLY: 'Report progress',
  COMPLETION: 'Complete the work',
  CHASE_RESPONSE: 'Call the chasing customer',
};

export function stageTask(stage: Deadline['stage']): string {
  return STAGE_TASKS[stage] ?? stage.toLowerCase().replace(/_/g, ' ');
}

const dueTime = (deadline: Deadline): number =>
  deadline.dueAt && !deadline.paused ? new Date(deadline.dueAt).getTime() : Number.POSITIVE_INFINITY;

/** The technician's own running deadline that falls due first (a paused one only when nothing else runs). */
export function deadlineThatMatters(order: StaffOrder, technicianId: string): Deadline | undefined {
  return order.deadlines
    .filter(
      (deadline) =>
        deadline.responsibleRole === 'technician' &&
        (deadline.responsibleUserId === null || deadline.responsibleUserId === technicianId),
    )
    .sort((a, b) => dueTime(a) - dueTime(b))[0];
}

export interface NextStep {
  action: Action;
  label: string;
}

const STEP_LABELS: Partial<Record<Action, string>> = {
  LOG_CONTACT: 'Log contact',
  CHECK_IN: 'Check in',
  REPORT_PROGRESS: 'Report progress',
  COMPLETE: 'Complete',
  RECEIVE_PARTS: 'Record parts received',
};

// The step each deadline asks for; completing needs a check-in first.
const STEP_FOR_STAGE: Partial<Record<Deadline['stage'], Action>> = {
  FIRST_CONTACT: 'LOG_CONTACT',
  CHASE_RESPONSE: 'LOG_CONTACT',
  PROGRESS_REPLY: 'REPORT_PROGRESS',
  COMPLETION: 'COMPLETE',
};
// Otherwise the work's natural order.
const USUAL_ORDER: Action[] = ['CHECK_IN', 'RECEIVE_PARTS', 'REPORT_PROGRESS', 'COMPLETE', 'LOG_CONTACT'];

export function nextStep(order: StaffOrder, deadline: Deadline | undefined): NextStep | null {
  const allowed = new Set(order.allowedActions);
  const asked = deadline ? STEP_FOR_STAGE[deadline.stage] : undefined;
  const waitingParts = order.milestone === 'WAITING_PARTS' && allowed.has('RECEIVE_PARTS');
  const action =
    (waitingParts ? 'RECEIVE_PARTS' : undefined) ??
    (asked && allowed.has(asked) ? asked : undefined) ??
    USUAL_ORDER.find((candidate) => allowed.has(candidate));
  return action ? { action, label: STEP_LABELS[action] ?? action } : null;
}

/** "1 Dec, 09:00 – 12:00", or both ends in full when the window spans days. */
export function formatWindow(start: string, end: string): string {
  const from = new Date(start);
  const to = new Date(end);
  const day: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };
  const time: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
  const sameDay = from.toDateString() === to.toDateString();
  const startText = `${from.toLocaleDateString(undefined, day)}, ${from.toLocaleTimeString(undefined, time)}`;
  const endText = sameDay
    ? to.toLocaleTimeString(undefined, time)
    : `${to.toLocaleDateString(undefined, day)}, ${to.toLocaleTimeString(undefined, time)}`;
  return `${startText} – ${endText}`;
}
