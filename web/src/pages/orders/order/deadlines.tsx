import type { Claims } from '../../../auth/session';
import { Countdown, formatDateTime } from '../../../components/time';
import { stageLabel, type Deadline } from './labels';
import { personName, type PeopleNames } from './people';

/** Time left on one deadline; a paused one (waiting for parts) has no due time until it resumes. */
export function DeadlineCountdown({ deadline }: { deadline: Deadline }) {
  if (deadline.dueAt === null) return <span className="countdown paused">paused</span>;
  return <Countdown dueAt={deadline.dueAt} paused={deadline.paused} />;
}

/** -1 none, 0 the 80 % warning, 1–3 the ladder levels. */
export function EscalationLevel({ level }: { level: number }) {
  if (level < 0) return <span className="muted">none</span>;
  if (level === 0) return <span className="badge warn">warning</span>;
  return <span className="badge bad">level {level}</span>;
}

export function DeadlinesTable({
  deadlines,
  names,
  claims,
}: {
  deadlines: Deadline[];
  names: PeopleNames;
  claims: Claims | null;
}) {
  if (deadlines.length === 0) return <p className="empty">No deadline is running.</p>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th>Stage</th>
            <th>Time left</th>
            <th>Due</th>
            <th>Responsible</th>
            <th>Escalation</th>
            <th>Started</th>
          </tr>
        </thead>
        <tbody>
          {deadlines.map((deadline) => (
            <tr
              key={deadline.stageKey}
              data-testid={`deadline-${deadline.stageKey}`}
              data-stage={deadline.stage}
            >
              <td>{stageLabel(deadline.stage)}</td>
              <td>
                <DeadlineCountdown deadline={deadline} />
              </td>
              <td className="order-when">{deadline.paused ? 'paused' : formatDateTime(deadline.dueAt)}</td>
              <td>
                {deadline.responsibleRole}
                {deadline.responsibleUserId && (
                  <div className="small muted">
                    {personName(deadline.responsibleUserId, names, claims, '')}
                  </div>
                )}
              </td>
              <td>
                <EscalationLevel level={deadline.escalationLevel} />
              </td>
              <td className="order-when">{formatDateTime(deadline.startedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
