import { createRoute, useNavigate } from '@tanstack/react-router';
import { useMemo } from 'react';
import { $api } from '../../api/client';
import { hasRole, useClaims } from '../../auth/session';
import { Field } from '../../components/forms';
import { requireSignIn, rootRoute } from '../../root';
import { CandidatePanel } from './candidate-panel';
import { DispatchOrderList } from './dispatch-orders';
import {
  byPriorityThenDeadline,
  POLL_MS,
  useOrdersInStatuses,
  type OrderListFilters,
  type OrderStatus,
} from './order-queries';
import { TechnicianWorkload } from './technician-workload';
import './dispatch.css';

const PRIORITIES = ['URGENT', 'HIGH', 'NORMAL', 'LOW'] as const;
type Priority = (typeof PRIORITIES)[number];

interface DispatchSearch {
  /** The order whose candidates are shown. */
  order?: string;
  region?: string;
  priority?: Priority;
}

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

export const dispatchRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dispatch',
  beforeLoad: requireSignIn,
  validateSearch: (search: Record<string, unknown>): DispatchSearch => ({
    order: text(search.order),
    region: text(search.region),
    priority: PRIORITIES.find((priority) => priority === search.priority),
  }),
  component: DispatchPage,
});

const WAITING: readonly OrderStatus[] = ['PENDING_DISPATCH'];
// REASSIGN applies to these (src/domain/transitions.ts); a supervisor may also take over work under way.
const REASSIGNABLE: readonly OrderStatus[] = ['ASSIGNED', 'ACCEPTED', 'REWORK'];
const REASSIGNABLE_BY_SUPERVISOR: readonly OrderStatus[] = [
  ...REASSIGNABLE,
  'ON_SITE',
  'PENDING_QUOTE',
  'IN_PROGRESS',
];

const sameRegion = (a: string | null, b: string) => a?.trim().toLowerCase() === b.trim().toLowerCase();

function DispatchPage() {
  const search = dispatchRoute.useSearch();
  const navigate = useNavigate({ from: dispatchRoute.fullPath });
  const claims = useClaims();
  const filters: OrderListFilters = { region: search.region, priority: search.priority };

  const waiting = useOrdersInStatuses(WAITING, filters);
  const assigned = useOrdersInStatuses(
    hasRole(claims, 'supervisor') ? REASSIGNABLE_BY_SUPERVISOR : REASSIGNABLE,
    filters,
  );
  // Unfiltered, so the region choices stay put; the server already limits a regional dispatcher.
  const workload = $api.useQuery('get', '/api/technicians/workload', {}, { refetchInterval: POLL_MS });

  const technicianNames = useMemo(
    () =>
      new Map((workload.data ?? []).map((technician) => [technician.technicianId, technician.displayName])),
    [workload.data],
  );
  // The regions anyone works in or orders come from, so the choice holds every region on the board.
  const regions = [
    ...new Set(
      [
        ...(workload.data ?? []).map((technician) => technician.region),
        ...waiting.orders.map((order) => order.region),
        ...assigned.orders.map((order) => order.region),
        search.region,
      ].filter((region): region is string => Boolean(region)),
    ),
  ].sort();
  const technicians = search.region
    ? workload.data?.filter((technician) => sameRegion(technician.region, search.region ?? ''))
    : workload.data;

  const update = (change: Partial<DispatchSearch>) =>
    void navigate({ search: (previous) => ({ ...previous, ...change }), replace: true });

  return (
    <div className="dispatch-page">
      <div className="toolbar">
        <h1>Dispatch board</h1>
        <span className="spacer" />
        <Field label="Region" name="region" error={null}>
          <select
            value={search.region ?? ''}
            onChange={(event) => update({ region: text(event.target.value) })}
          >
            <option value="">All regions</option>
            {regions.map((region) => (
              <option key={region} value={region}>
                {region}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Priority" name="priority" error={null}>
          <select
            value={search.priority ?? ''}
            onChange={(event) =>
              update({ priority: PRIORITIES.find((priority) => priority === event.target.value) })
            }
          >
            <option value="">All priorities</option>
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {priority.toLowerCase()}
              </option>
            ))}
          </select>
        </Field>
      </div>

      <div className="dispatch-board">
        <div className="dispatch-column">
          <DispatchOrderList
            title="Waiting for dispatch"
            headingId="waiting-heading"
            list={{ ...waiting, orders: [...waiting.orders].sort(byPriorityThenDeadline) }}
            emptyText="No orders are waiting for dispatch."
            actionLabel="Assign"
            deadlineLabel="Dispatch due"
            selectedOrderNo={search.order}
            technicianNames={technicianNames}
            onSelect={(order) => update({ order })}
          />
          <DispatchOrderList
            title="Assigned"
            headingId="assigned-heading"
            list={{ ...assigned, orders: [...assigned.orders].sort(byPriorityThenDeadline) }}
            emptyText="No assigned orders to reassign."
            actionLabel="Reassign"
            deadlineLabel="Next deadline"
            selectedOrderNo={search.order}
            technicianNames={technicianNames}
            onSelect={(order) => update({ order })}
          />
        </div>
        <div className="dispatch-column">
          {search.order ? (
            <CandidatePanel
              key={search.order}
              orderNo={search.order}
              technicianNames={technicianNames}
              onClose={() => update({ order: undefined })}
            />
          ) : (
            <section className="card dispatch-panel" aria-labelledby="candidates-heading">
              <h2 id="candidates-heading">Candidates</h2>
              <p className="empty">Choose an order to see the ranked technicians and why.</p>
            </section>
          )}
        </div>
        <div className="dispatch-column">
          <TechnicianWorkload
            technicians={technicians}
            isPending={workload.isPending}
            error={workload.error}
          />
        </div>
      </div>
    </div>
  );
}
