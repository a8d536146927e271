import { useState, type FormEvent } from 'react';
import { $api, bearer } from '../../api/client';
import { apiErrorOf, ErrorMessage, Field } from '../../components/forms';
import { useSubmissionKey } from '../intake/submission-key';
import type { AnswerProps } from './customer-page';
import { ScoreInput } from './score-input';

/** The answer to the feedback request sent after completion: a score and a comment, once. */
export function FeedbackForm({ orderNo, token, words, onAnswered }: AnswerProps & { orderNo: string }) {
  const key = useSubmissionKey();
  const [score, setScore] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const answer = $api.useMutation('post', '/api/orders/{orderNo}/customer-feedback', {
    onSettled: (_data, error) => key.settle(error),
    onSuccess: () => onAnswered((said) => said.feedback.sent),
  });
  const error = apiErrorOf(answer.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (score === null) return setMissing(true);
    setMissing(false);
    const text = comment.trim();
    answer.mutate({
      params: { path: { orderNo } },
      body: { score, ...(text !== '' ? { comment: text } : {}) },
      headers: { ...bearer(token), 'Idempotency-Key': key.take() },
    });
  }

  return (
    <section className="customer-card" aria-labelledby="feedback-heading">
      <h2 id="feedback-heading">{words.feedback.heading}</h2>
      <p>{words.feedback.intro}</p>
      <form className="form" aria-labelledby="feedback-heading" onSubmit={submit}>
        <ScoreInput
          legend={words.feedback.score}
          name="score"
          value={score}
          onChange={setScore}
          words={words}
        />
        <Field label={words.feedback.comment} name="comment" error={error}>
          <textarea
            name="comment"
            maxLength={2000}
            value={comment}
            onChange={(event) => setComment(event.target.value)}
          />
        </Field>
        {missing && (
          <p className="error-message" role="alert">
            {words.feedback.needScore}
          </p>
        )}
        <ErrorMessage error={answer.error} shownFields={['comment']} />
        <div className="customer-actions">
          <button type="submit" className="primary customer-button" disabled={answer.isPending}>
            {answer.isPending ? words.acceptance.sending : words.feedback.send}
          </button>
        </div>
      </form>
    </section>
  );
}
