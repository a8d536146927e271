import { $api } from '../../../api/client';
import { apiErrorOf, Field, formString } from '../../../components/forms';
import { ActionForm, commandInit, submission } from './action-form';
import type { OrderAction } from './labels';
import { useCommandDone } from './use-order';

/**
 * The supervisor's decision on a complex order, with a comment, in one step. Used on the order page and
 * on every card of the approvals inbox.
 */
export function ApprovalForm({
  orderNo,
  allowedActions,
  onDecided,
}: {
  orderNo: string;
  allowedActions: readonly OrderAction[];
  onDecided?: (decision: 'APPROVE' | 'REJECT') => void;
}) {
  const approval = $api.useMutation('post', '/api/orders/{orderNo}/approval');
  const done = useCommandDone();
  const error = apiErrorOf(approval.error);

  return (
    <ActionForm
      title="Approval"
      description="This order is complex: approve it for dispatch or reject it."
      error={approval.error}
      shownFields={['comment', 'decision']}
      onSubmit={(event) => {
        const { form, choice } = submission(event);
        const decision = choice === 'REJECT' ? 'REJECT' : 'APPROVE';
        approval.mutate(commandInit(orderNo, { decision, comment: formString(form, 'comment') }), {
          onSuccess: (view) => {
            done({ message: decision === 'APPROVE' ? 'Approved.' : 'Rejected.', revision: view.revision });
            onDecided?.(decision);
          },
        });
      }}
      buttons={
        <>
          {allowedActions.includes('APPROVE') && (
            <button
              type="submit"
              name="decision"
              value="APPROVE"
              className="primary"
              disabled={approval.isPending}
            >
              Approve
            </button>
          )}
          {allowedActions.includes('REJECT_APPROVAL') && (
            <button
              type="submit"
              name="decision"
              value="REJECT"
              className="danger"
              disabled={approval.isPending}
            >
              Reject
            </button>
          )}
        </>
      }
    >
      <Field label="Comment" name="comment" error={error}>
        <textarea name="comment" rows={2} />
      </Field>
    </ActionForm>
  );
}
