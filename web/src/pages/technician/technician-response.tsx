import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { $api, idempotencyKey } from '../../api/client';
import { apiErrorOf, ErrorMessage, Field, formString } from '../../components/forms';

/** Accept, or decline with a reason, right on the card of an order waiting for my answer. */
export function TechnicianResponse({ orderNo }: { orderNo: string }) {
  const queryClient = useQueryClient();
  const [declining, setDeclining] = useState(false);
  const respond = $api.useMutation('post', '/api/orders/{orderNo}/technician-response', {
    onSuccess: () => void queryClient.invalidateQueries(),
  });
  const error = apiErrorOf(respond.error);

  function send(decision: 'ACCEPT' | 'DECLINE', reason?: string) {
    respond.mutate({
      params: { path: { orderNo } },
      body: reason === undefined ? { decision } : { decision, reason },
      headers: { 'Idempotency-Key': idempotencyKey() },
    });
  }

  function decline(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The server asks for a reason too; sending an empty one shows its message at the field.
    send('DECLINE', formString(new FormData(event.currentTarget), 'reason') ?? '');
  }

  const sending = respond.isPending ? respond.variables.body.decision : null;

  if (respond.isSuccess)
    return (
      <p className="notice" role="status">
        {respond.data.status === 'ACCEPTED' ? 'Accepted.' : 'Declined.'}
      </p>
    );

  return (
    <div className="stack">
      {!declining ? (
        <div className="tech-actions">
          <button
            type="button"
            className="primary"
            disabled={respond.isPending}
            onClick={() => send('ACCEPT')}
          >
            {sending === 'ACCEPT' ? 'Accepting…' : 'Accept'}
          </button>
          <button type="button" disabled={respond.isPending} onClick={() => setDeclining(true)}>
            Decline
          </button>
        </div>
      ) : (
        <form className="form" onSubmit={decline}>
          <Field label="Reason for declining" name="reason" error={error}>
            <textarea name="reason" required maxLength={2000} autoFocus />
          </Field>
          <div className="tech-actions">
            <button type="submit" className="danger" disabled={respond.isPending}>
              {sending === 'DECLINE' ? 'Declining…' : 'Decline order'}
            </button>
            <button type="button" disabled={respond.isPending} onClick={() => setDeclining(false)}>
              Keep it
            </button>
          </div>
        </form>
      )}
      <ErrorMessage error={respond.error} shownFields={declining ? ['reason'] : []} />
    </div>
  );
}
