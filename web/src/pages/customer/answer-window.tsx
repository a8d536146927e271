import { useNow } from '../../components/time';
import { dateTimeIn, durationIn, type Words } from './words';

/**
 * Time left to answer, ticking, and the moment itself with what happens after it (`after` words it): the
 * work counts as accepted, the quote as declined, added work is not done.
 */
export function AnswerWindow({
  dueAt,
  words,
  after,
  testId,
}: {
  dueAt: string;
  words: Words;
  after: (at: string) => string;
  testId: string;
}) {
  const now = useNow();
  const left = new Date(dueAt).getTime() - now;
  return (
    <p className="customer-window" data-testid={testId} data-due-at={dueAt}>
      <strong className={`countdown ${left < 0 ? 'overdue' : left < 3_600_000 ? 'soon' : ''}`}>
        {left < 0 ? words.acceptance.overdue : words.acceptance.timeLeft(durationIn(words, left))}
      </strong>
      <span className="small muted">{after(dateTimeIn(words, dueAt))}</span>
    </p>
  );
}
