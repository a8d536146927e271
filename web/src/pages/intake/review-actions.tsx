// The agent's review of a PENDING_REVIEW order (POST /api/orders/{orderNo}/review): approve, return for
// more information, or reject. Returning and rejecting need a note: it tells the clerk what to fix, or
// records why the order was refused.
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { $api, ApiError, type Schemas } from '../../api/client';
import { apiErrorOf, ErrorMessage, Field } from '../../components/forms';
import { useSubmissionKey } from './submission-key';

export type Decision = Schemas['ReviewDto']['decision'];

const NOTE_REQUIRED: Record<Decision, boolean> = { APPROVE: false, RETURN: true, REJECT: true };

export function ReviewActions({
  orderNo,
  onReviewed,
}: {
  orderNo: string;
  onReviewed?: (decision: Decision) => void;
}) {
  const queryClient = useQueryClient();
  const review = $api.useMutation('post', '/api/orders/{orderNo}/review');
  const submissionKey = useSubmissionKey();
  const [note, setNote] = useState('');
  const [missingNote, setMissingNote] = useState<Decision | null>(null);

  const decide = (decision: Decision) => {
    const trimmed = note.trim();
    if (NOTE_REQUIRED[decision] && trimmed === '') {
      setMissingNote(decision);
      review.reset();
      return;
    }
    setMissingNote(null);
    review.mutate(
      {
        params: { path: { orderNo } },
        body: { decision, note: trimmed === '' ? undefined : trimmed },
        headers: { 'Idempotency-Key': submissionKey.take() },
      },
      {
        onSuccess: () => {
          submissionKey.settle();
          void queryClient.invalidateQueries();
          onReviewed?.(decision);
        },
        onError: (error) => submissionKey.settle(error),
      },
    );
  };

  // The note's own check, shown where the server's reasons for `note` would be.
  const noteError = missingNote
    ? new ApiError(400, '', [
        {
          field: 'note',
          reasons: [
            `A note is required to ${missingNote === 'RETURN' ? 'return the order' : 'reject the order'}`,
          ],
        },
      ])
    : apiErrorOf(review.error);

  return (
    <div className="stack intake-review" role="group" aria-label={`Review ${orderNo}`}>
      <Field
        label="Note"
        name="note"
        error={noteError}
        hint="Required to return or reject; optional to approve"
      >
        <textarea
          name="note"
          value={note}
          maxLength={2000}
          onChange={(event) => setNote(event.target.value)}
        />
      </Field>
      <ErrorMessage error={review.error} shownFields={['note']} />
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={review.isPending}
          onClick={() => decide('APPROVE')}
        >
          Approve
        </button>
        <button type="button" disabled={review.isPending} onClick={() => decide('RETURN')}>
          Return for info
        </button>
        <button type="button" className="danger" disabled={review.isPending} onClick={() => decide('REJECT')}>
          Reject
        </button>
        {review.isPending && <span className="muted small">Sending…</span>}
      </div>
    </div>
  );
}
