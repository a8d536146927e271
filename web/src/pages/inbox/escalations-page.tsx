import './inbox.css';
import { useQueryClient } from '@tanstack/react-query';
import { createRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { $api, idempotencyKey, type Schemas } from '../../api/client';
import { ErrorMessage, Field, formString } from '../../components/forms';
import { OrderLink } from '../../components/status';
import { formatDateTime } from '../../components/time';
import { requireSignIn, rootRoute } from '../../root';
import { ListState, Pager } from '../../components/pager';
import { EscalationLevelBadge, oneOf, STAGE_LABELS, STAGES, type Stage } from '../../components/vocabulary';

export const escalationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/escalations',
  beforeLoad: requireSignIn,
  component: EscalationsPage,
});

type EscalationState = 'open' | 'acknowledged';
const LEVELS = [0, 1, 2, 3] as const;

interface EscalationFilters {
  state?: EscalationState;
  stage?: Stage;
  level?: (typeof LEVELS)[number];
  orderNo?: string;
  page: number;
}

function EscalationsPage() {
  // Open ones first: they are what someone still has to look at.
  const [filters, setFilters] = useState<EscalationFilters>({ state: 'open', page: 1 });
  const escalations = $api.useQuery(
    'get',
    '/api/escalations',
    { params: { query: filters } },
    { refetchInterval: 5000 },
  );
  const items = escalations.data?.items ?? [];
  const refilter = (change: Partial<EscalationFilters>) => setFilters({ ...filters, ...change, page: 1 });

  return (
    <section>
      <h1>Escalations</h1>
      <p className="muted small">
        Supervisors and admins see every escalation; everyone else those addressed to them. Updated every few
        seconds.
      </p>
      <div className="toolbar" role="search" aria-label="Filter escalations">
        <Field label="State" name="state" error={null}>
          <select
            value={filters.state ?? ''}
            onChange={(event) =>
              refilter({ state: oneOf(event.target.value, ['open', 'acknowledged'] as const) })
            }
          >
            <option value="open">Open</option>
            <option value="acknowledged">Acknowledged</option>
            <option value="">All</option>
          </select>
        </Field>
        <Field label="Stage" name="stage" error={null}>
          <select
            value={filters.stage ?? ''}
            onChange={(event) => refilter({ stage: oneOf(event.target.value, STAGES) })}
          >
            <option value="">Any</option>
            {STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {STAGE_LABELS[stage]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Level" name="level" error={null}>
          <select
            value={filters.level ?? ''}
            onChange={(event) =>
              refilter({
                level: event.target.value === '' ? undefined : oneOf(Number(event.target.value), LEVELS),
              })
            }
          >
            <option value="">Any</option>
            <option value="0">Warning (80%)</option>
            <option value="1">Level 1</option>
            <option value="2">Level 2</option>
            <option value="3">Level 3</option>
          </select>
        </Field>
        <form
          className="row inbox-order-filter"
          onSubmit={(event) => {
            event.preventDefault();
            refilter({ orderNo: formString(new FormData(event.currentTarget), 'orderNo') });
          }}
        >
          <Field label="Order no." name="orderNo" error={null}>
            <input name="orderNo" type="search" defaultValue={filters.orderNo} placeholder="SO-…" />
          </Field>
          <button type="submit">Filter</button>
        </form>
      </div>
      <ListState
        isPending={escalations.isPending}
        error={escalations.error}
        isEmpty={items.length === 0}
        emptyText={filters.state === 'open' ? 'No open escalations.' : 'No escalations match these filters.'}
      />
      {items.length > 0 && <EscalationsTable escalations={items} />}
      {escalations.data && (
        <Pager
          meta={escalations.data}
          shown={items.length}
          noun="escalations"
          onPage={(page) => setFilters({ ...filters, page })}
        />
      )}
    </section>
  );
}

function EscalationsTable({ escalations }: { escalations: Schemas['EscalationDto'][] }) {
  const queryClient = useQueryClient();
  const acknowledge = $api.useMutation('post', '/api/escalations/{id}/ack', {
    onSuccess: () => queryClient.invalidateQueries(),
  });
  return (
    <>
      <ErrorMessage error={acknowledge.error} />
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Stage</th>
              <th scope="col">Level</th>
              <th scope="col">Due</th>
              <th scope="col">Fired</th>
              <th scope="col">Recipients</th>
              <th scope="col">Acknowledged</th>
            </tr>
          </thead>
          <tbody>
            {escalations.map((escalation) => (
              <tr key={escalation.id} data-escalation-id={escalation.id}>
                <td>
                  <OrderLink orderNo={escalation.orderNo} />
                </td>
                <td>{STAGE_LABELS[escalation.stage]}</td>
                <td>
                  <EscalationLevelBadge level={escalation.level} />
                </td>
                <td className="small">{formatDateTime(escalation.dueAt)}</td>
                <td className="small">{formatDateTime(escalation.firedAt)}</td>
                <td className="small">
                  {escalation.recipients.map((recipient) => (
                    <div key={recipient.userId}>
                      {recipient.username} <span className="muted">({recipient.role})</span>
                      {recipient.viaFallback && <span className="muted"> fallback</span>}
                    </div>
                  ))}
                </td>
                <td>
                  {escalation.acknowledgedAt ? (
                    <span className="small">
                      {escalation.acknowledgedBy} · {formatDateTime(escalation.acknowledgedAt)}
                    </span>
                  ) : (
                    <button
                      type="button"
                      disabled={
                        acknowledge.isPending && acknowledge.variables?.params.path.id === escalation.id
                      }
                      aria-label={`Acknowledge ${STAGE_LABELS[escalation.stage]} escalation of ${escalation.orderNo}`}
                      onClick={() =>
                        acknowledge.mutate({
                          params: { path: { id: escalation.id } },
                          headers: { 'Idempotency-Key': idempotencyKey() },
                        })
                      }
                    >
                      Acknowledge
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
