import { keepPreviousData } from '@tanstack/react-query';
import { createRoute, useNavigate } from '@tanstack/react-router';
import type { FormEvent, ReactNode } from 'react';
import { $api, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';
import { hasRole, useClaims } from '../../auth/session';
import { Field, formString } from '../../components/forms';
import { OrderLink, PriorityBadge, StatusBadge, STATUS_LABELS } from '../../components/status';
import { Countdown, formatDateTime } from '../../components/time';
import { ListState, Pager } from '../../components/pager';
import {
  enumLabel,
  EscalationLevelBadge,
  oneOf,
  ORDER_STATUSES,
  ORDER_TYPES,
  PRIORITIES,
} from '../../components/vocabulary';
import { requireSignIn, rootRoute } from '../../root';
import './orders-page.css';

type OrderListQuery = NonNullable<paths['/api/orders']['get']['parameters']['query']>;
/** The list's filters and page, kept in the URL so a filtered list can be bookmarked and Back works. */
export type OrdersSearch = Pick<
  OrderListQuery,
  'status' | 'type' | 'priority' | 'region' | 'technician' | 'overdue' | 'text' | 'page' | 'pageSize'
>;

const PAGE_SIZES = [20, 50, 100] as const;
const DEFAULT_PAGE_SIZE = 20;

/** Search params are typed by hand in a URL: anything unknown is dropped rather than sent to the API. */
function parseOrdersSearch(raw: Record<string, unknown>): OrdersSearch {
  // The router parses `?text=123` as a number and `?overdue=true` as a boolean.
  const text = (value: unknown) =>
    (typeof value === 'string' || typeof value === 'number') && String(value).trim() !== ''
      ? String(value).trim()
      : undefined;
  const page = Number(raw.page);
  return {
    status: oneOf(raw.status, ORDER_STATUSES),
    type: oneOf(raw.type, ORDER_TYPES),
    priority: oneOf(raw.priority, PRIORITIES),
    region: text(raw.region),
    technician: text(raw.technician),
    overdue:
      raw.overdue === true || raw.overdue === 'true'
        ? true
        : raw.overdue === false || raw.overdue === 'false'
          ? false
          : undefined,
    text: text(raw.text),
    page: Number.isInteger(page) && page > 1 ? page : undefined,
    pageSize: pageSizeParam(Number(raw.pageSize)),
  };
}

/** A page size offered here; the default stays out of the URL. */
function pageSizeParam(size: number): OrdersSearch['pageSize'] {
  const offered = oneOf(size, PAGE_SIZES);
  return offered === DEFAULT_PAGE_SIZE ? undefined : offered;
}

export const ordersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/orders',
  beforeLoad: requireSignIn,
  validateSearch: parseOrdersSearch,
  component: OrdersPage,
});

function OrdersPage() {
  const search = ordersRoute.useSearch();
  const navigate = useNavigate({ from: ordersRoute.fullPath });
  const orders = $api.useQuery(
    'get',
    '/api/orders',
    { params: { query: search } },
    // Statuses and deadlines change while the list is open; the previous page stays while the next loads.
    { refetchInterval: 5000, placeholderData: keepPreviousData },
  );
  const technicians = useTechnicianNames();
  const items = orders.data?.items ?? [];

  return (
    <section>
      <h1>Orders</h1>
      <OrderFilters
        search={search}
        technicians={technicians}
        onApply={(filters) => void navigate({ search: filters })}
      />
      <ListState
        isPending={orders.isPending}
        error={orders.error}
        isEmpty={items.length === 0}
        emptyText="No orders match these filters."
      />
      {items.length > 0 && <OrdersTable orders={items} technicians={technicians} />}
      {orders.data && (
        <Pager
          meta={orders.data}
          shown={items.length}
          noun="orders"
          onPage={(page) =>
            void navigate({ search: (prev) => ({ ...prev, page: page > 1 ? page : undefined }) })
          }
        />
      )}
    </section>
  );
}

/** Technician names by id, for the filter and the table; only roles that may list staff get them. */
function useTechnicianNames(): Map<string, string> | null {
  const claims = useClaims();
  const allowed = hasRole(claims, 'admin', 'supervisor', 'dispatcher');
  const users = $api.useQuery(
    'get',
    '/api/users',
    { params: { query: { role: 'technician', pageSize: 100 } } },
    { enabled: allowed, staleTime: 60_000 },
  );
  if (!allowed || !users.data) return null;
  return new Map(users.data.items.map((user) => [user.id, user.displayName || user.username]));
}

function OrderFilters({
  search,
  technicians,
  onApply,
}: {
  search: OrdersSearch;
  technicians: Map<string, string> | null;
  onApply: (filters: OrdersSearch) => void;
}) {
  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const overdue = formString(form, 'overdue');
    // A new filter starts again at page 1; the page size stays.
    onApply({
      status: oneOf(formString(form, 'status'), ORDER_STATUSES),
      type: oneOf(formString(form, 'type'), ORDER_TYPES),
      priority: oneOf(formString(form, 'priority'), PRIORITIES),
      region: formString(form, 'region'),
      technician: formString(form, 'technician'),
      overdue: overdue === undefined ? undefined : overdue === 'true',
      text: formString(form, 'text'),
      pageSize: pageSizeParam(Number(formString(form, 'pageSize'))),
    });
  }
  // Choosing from a list applies at once; typed text applies on Enter or "Search".
  const applyNow = (event: { currentTarget: HTMLSelectElement }) => event.currentTarget.form?.requestSubmit();
  const hasFilters = Object.entries(search).some(([key, value]) => key !== 'pageSize' && value !== undefined);

  return (
    // Keyed by the search so Back and Forward reset the inputs to the URL's filters.
    <form
      key={JSON.stringify(search)}
      className="toolbar orders-filters"
      role="search"
      aria-label="Filter orders"
      onSubmit={apply}
    >
      <Field label="Search" name="text" error={null}>
        <input
          name="text"
          type="search"
          defaultValue={search.text ?? ''}
          maxLength={100}
          placeholder="Order no., customer name or phone"
        />
      </Field>
      <FilterSelect label="Status" name="status" value={search.status} onChange={applyNow}>
        {ORDER_STATUSES.map((status) => (
          <option key={status} value={status}>
            {STATUS_LABELS[status] ?? status}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect label="Type" name="type" value={search.type} onChange={applyNow}>
        {ORDER_TYPES.map((type) => (
          <option key={type} value={type}>
            {enumLabel(type)}
          </option>
        ))}
      </FilterSelect>
      <FilterSelect label="Priority" name="priority" value={search.priority} onChange={applyNow}>
        {PRIORITIES.map((priority) => (
          <option key={priority} value={priority}>
            {enumLabel(priority)}
          </option>
        ))}
      </FilterSelect>
      <Field label="Region" name="region" error={null}>
        <input name="region" defaultValue={search.region ?? ''} maxLength={100} size={10} />
      </Field>
      {technicians && (
        <FilterSelect label="Technician" name="technician" value={search.technician} onChange={applyNow}>
          {[...technicians].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </FilterSelect>
      )}
      <FilterSelect
        label="Overdue"
        name="overdue"
        value={search.overdue === undefined ? undefined : String(search.overdue)}
        onChange={applyNow}
      >
        <option value="true">Overdue</option>
        <option value="false">Not overdue</option>
      </FilterSelect>
      <Field label="Per page" name="pageSize" error={null}>
        <select name="pageSize" defaultValue={search.pageSize ?? DEFAULT_PAGE_SIZE} onChange={applyNow}>
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className="primary">
        Search
      </button>
      {hasFilters && (
        <button type="button" onClick={() => onApply({ pageSize: search.pageSize })}>
          Clear filters
        </button>
      )}
    </form>
  );
}

function FilterSelect({
  label,
  name,
  value,
  onChange,
  children,
}: {
  label: string;
  name: string;
  value: string | undefined;
  onChange: (event: { currentTarget: HTMLSelectElement }) => void;
  children: ReactNode;
}) {
  return (
    <Field label={label} name={name} error={null}>
      <select name={name} defaultValue={value ?? ''} onChange={onChange}>
        <option value="">Any</option>
        {children}
      </select>
    </Field>
  );
}

function OrdersTable({
  orders,
  technicians,
}: {
  orders: Schemas['OrderSummaryDto'][];
  technicians: Map<string, string> | null;
}) {
  return (
    <div className="table-wrap">
      <table className="orders-table">
        <thead>
          <tr>
            <th scope="col">Order</th>
            <th scope="col">Status</th>
            <th scope="col">Type</th>
            <th scope="col">Priority</th>
            <th scope="col">Customer</th>
            <th scope="col">Region</th>
            <th scope="col">Technician</th>
            <th scope="col">Next deadline</th>
            <th scope="col">Overdue</th>
            <th scope="col">Escalation</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={order.orderNo} data-order-no={order.orderNo}>
              <td className="orders-nowrap">
                <OrderLink orderNo={order.orderNo} />
                {order.isWarranty && <span className="badge small orders-tag">warranty</span>}
                {order.reworkRound > 0 && (
                  <span className="badge warn small orders-tag">rework {order.reworkRound}</span>
                )}
              </td>
              <td>
                <StatusBadge status={order.status} />
              </td>
              <td>{enumLabel(order.type)}</td>
              <td>
                <PriorityBadge priority={order.priority} />
              </td>
              <td className="orders-customer">
                {order.customerName}
                <div className="muted small">{order.customerPhone}</div>
              </td>
              <td>{order.region ?? '—'}</td>
              <td>{technicianName(order.technicianId, technicians)}</td>
              <td className="orders-nowrap" data-testid="next-deadline">
                {order.nextDeadline ? (
                  <Countdown dueAt={order.nextDeadline} />
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>
                {order.overdue ? (
                  <span className="badge bad">Overdue</span>
                ) : (
                  <span className="muted">No</span>
                )}
              </td>
              <td>
                {/* The list keeps the highest level fired; 0 is "none yet" here. */}
                {order.escalationLevel > 0 ? (
                  <EscalationLevelBadge level={order.escalationLevel} />
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td className="small orders-nowrap" title={formatDateTime(order.createdAt)}>
                {shortDateTime(order.createdAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function technicianName(id: string | null, names: Map<string, string> | null): string {
  if (!id) return '—';
  // Without the staff list (agents, finance) a short id still tells orders apart.
  return names?.get(id) ?? `${id.slice(0, 8)}…`;
}

/** "Dec 1, 18:28": the list's column is narrow; the full date and time are in its title. */
function shortDateTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}
