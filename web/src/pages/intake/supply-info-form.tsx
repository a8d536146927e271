// Supplying what an INFO_REQUIRED order lacks (POST /api/orders/{orderNo}/info): the order form's
// fields, starting from the order's details, with the check's problems at their fields. Compact: only
// the sections with a problem unless the agent asks for every field.
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { $api, type Schemas } from '../../api/client';
import { apiErrorOf, ErrorMessage } from '../../components/forms';
import { STATUS_LABELS } from '../../components/status';
import { placeReasons } from './field-reasons';
import { draftFromDetails, supplyDetailsOf, type IntakeProblem, type OrderDraft } from './order-draft';
import { OrderFields, sectionOf, type SectionName } from './order-fields';
import { ProblemList } from './problem-list';
import { useSubmissionKey } from './submission-key';

type OrderView = Schemas['OrderViewDto'];

const PREFIX = 'details.';

export function SupplyInfoForm({
  orderNo,
  initialDraft,
  problems,
  revision,
  listProblems = true,
  onSupplied,
}: {
  orderNo: string;
  /** The order's details as a draft; called once, so polling does not overwrite the agent's edits. */
  initialDraft: () => OrderDraft;
  /** The order's problems as last read. */
  problems: readonly IntakeProblem[];
  /** The revision those problems come from (absent: they come straight from the intake's answer). */
  revision?: number;
  /** False where the page lists the problems itself; they are still shown at their fields. */
  listProblems?: boolean;
  onSupplied?: (view: OrderView) => void;
}) {
  const queryClient = useQueryClient();
  const supply = $api.useMutation('post', '/api/orders/{orderNo}/info');
  const submissionKey = useSubmissionKey();
  const [baseline, setBaseline] = useState(initialDraft);
  const [draft, setDraft] = useState(baseline);
  const [showAll, setShowAll] = useState(false);
  // The command's own answer is newer than the stored copy until the copy catches up.
  const answer = supply.data;
  const current =
    answer && (revision === undefined || answer.revision >= revision) ? answer.problems : problems;
  const refusal = apiErrorOf(supply.error);
  const reasons = placeReasons(refusal, current, draft, PREFIX);

  const flagged = new Set<SectionName | null>([
    ...current.map((problem) => sectionOf(problem.field)),
    ...(refusal?.fields ?? []).map((entry) => sectionOf(entry.field.replace(PREFIX, ''))),
  ]);
  // A problem no section holds (the reviewer's note) may concern any field: show them all.
  const sections =
    showAll || flagged.has(null) || flagged.size === 0
      ? undefined
      : [...flagged].filter((name): name is SectionName => name !== null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    supply.mutate(
      {
        params: { path: { orderNo } },
        body: { details: supplyDetailsOf(baseline, draft) },
        headers: { 'Idempotency-Key': submissionKey.take() },
      },
      {
        onSuccess: (view) => {
          submissionKey.settle();
          setBaseline(draftFromDetails(view.details));
          void queryClient.invalidateQueries();
          onSupplied?.(view);
        },
        onError: (error) => submissionKey.settle(error),
      },
    );
  };

  if (answer && answer.status !== 'INFO_REQUIRED')
    return (
      <p className="notice" role="status">
        Complete: the order is now {STATUS_LABELS[answer.status]?.toLowerCase() ?? answer.status}.
      </p>
    );

  return (
    <form
      className="form intake-supply"
      onSubmit={submit}
      aria-label={`Supply info for ${orderNo}`}
      noValidate
    >
      {listProblems && <ProblemList problems={current} title="Missing or wrong" />}
      {answer && !supply.isPending && (
        <p className="notice" role="status">
          Saved. The order still needs the information listed.
        </p>
      )}
      <OrderFields
        draft={draft}
        onChange={setDraft}
        prefix={PREFIX}
        reasons={reasons}
        typeLocked
        only={sections}
      />
      <ErrorMessage error={reasons.elsewhere} />
      <div className="row">
        <button type="submit" className="primary" disabled={supply.isPending}>
          {supply.isPending ? 'Sending…' : 'Supply info'}
        </button>
        {sections && (
          <button type="button" className="link" onClick={() => setShowAll(true)}>
            Show every field
          </button>
        )}
      </div>
    </form>
  );
}
