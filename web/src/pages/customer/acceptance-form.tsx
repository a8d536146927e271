import { useState, type FormEvent } from 'react';
import { $api, bearer } from '../../api/client';
import { apiErrorOf, ErrorMessage, Field } from '../../components/forms';
import { useSubmissionKey } from '../intake/submission-key';
import { AnswerWindow } from './answer-window';
import type { AnswerProps, CustomerView } from './customer-page';
import { ScoreInput } from './score-input';

type Decision = 'ACCEPT' | 'REJECT';

/**
 * Accept the work or say what is wrong, with a rating and a comment, while the acceptance window is open
 * (the server offers CUSTOMER_ACCEPT / CUSTOMER_REJECT only then). Rejecting needs a comment: it is what
 * the technician comes back for.
 */
export function AcceptanceForm({ view, token, words, onAnswered }: AnswerProps & { view: CustomerView }) {
  const key = useSubmissionKey();
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const decide = $api.useMutation('post', '/api/orders/{orderNo}/customer-acceptance', {
    onSettled: (_data, error) => key.settle(error),
    onSuccess: (_data, variables) =>
      onAnswered((said) =>
        variables.body.decision === 'ACCEPT' ? said.acceptance.accepted : said.acceptance.rejected,
      ),
  });
  const error = apiErrorOf(decide.error);
  const allowed = new Set<string>(view.allowedActions);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const decision: Decision = submitter?.value === 'REJECT' ? 'REJECT' : 'ACCEPT';
    const text = comment.trim();
    if (decision === 'REJECT' && text === '') return setMissing(words.acceptance.needComment);
    setMissing(null);
    decide.mutate({
      params: { path: { orderNo: view.orderNo } },
      body: {
        decision,
        ...(rating !== null ? { rating } : {}),
        ...(text !== '' ? { comment: text } : {}),
      },
      headers: { ...bearer(token), 'Idempotency-Key': key.take() },
    });
  }

  const sending = decide.isPending ? decide.variables.body.decision : null;
  return (
    <section className="customer-card" aria-labelledby="acceptance-heading">
      <h2 id="acceptance-heading">{words.acceptance.heading}</h2>
      <p>{words.acceptance.intro}</p>
      {view.acceptanceDueAt && (
        <AnswerWindow
          dueAt={view.acceptanceDueAt}
          words={words}
          after={words.acceptance.dueAt}
          testId="acceptance-countdown"
        />
      )}
      <form className="form" aria-labelledby="acceptance-heading" onSubmit={submit}>
        <ScoreInput
          legend={words.acceptance.rating}
          name="rating"
          value={rating}
          onChange={setRating}
          words={words}
        />
        <Field
          label={words.acceptance.comment}
          name="comment"
          error={error}
          hint={words.acceptance.commentHint}
        >
          <textarea
            name="comment"
            maxLength={2000}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
        </Field>
        {missing && (
          <p className="error-message" role="alert">
            {missing}
          </p>
        )}
        <ErrorMessage error={decide.error} shownFields={['comment']} />
        <div className="customer-actions">
          {allowed.has('CUSTOMER_ACCEPT') && (
            <button
              type="submit"
              name="decision"
              value="ACCEPT"
              className="primary customer-button"
              disabled={decide.isPending}
            >
              {sending === 'ACCEPT' ? words.acceptance.sending : words.acceptance.accept}
            </button>
          )}
          {allowed.has('CUSTOMER_REJECT') && (
            <button
              type="submit"
              name="decision"
              value="REJECT"
              className="customer-button"
              disabled={decide.isPending}
            >
              {sending === 'REJECT' ? words.acceptance.sending : words.acceptance.reject}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
