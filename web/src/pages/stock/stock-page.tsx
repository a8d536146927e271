import { useQueryClient } from '@tanstack/react-query';
import { createRoute, Link } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { $api, idempotencyKey, type Schemas } from '../../api/client';
import { hasRole, useClaims } from '../../auth/session';
import { apiErrorOf, ErrorMessage, Field, formString } from '../../components/forms';
import { ListState } from '../../components/pager';
import { formatDateTime } from '../../components/time';
import { enumLabel } from '../../components/vocabulary';
import { requireSignIn, rootRoute } from '../../root';
import './stock.css';

export const stockRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/stock',
  beforeLoad: requireSignIn,
  component: StockPage,
});

interface Filters {
  partCode?: string;
  locationCode?: string;
}

/** Stock levels per location, the locations, open purchase requests; supervisors and admins book parts in. */
function StockPage() {
  const claims = useClaims();
  const mayReceive = hasRole(claims, 'admin', 'supervisor');
  const [filters, setFilters] = useState<Filters>({});
  const levels = $api.useQuery(
    'get',
    '/api/stock',
    { params: { query: filters } },
    { refetchInterval: 15_000 },
  );
  const locations = $api.useQuery('get', '/api/stock/locations');
  const requests = $api.useQuery(
    'get',
    '/api/purchase-requests',
    { params: { query: { status: 'OPEN' } } },
    { refetchInterval: 15_000 },
  );
  const filterError = apiErrorOf(levels.error);

  function filter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFilters({ partCode: formString(form, 'partCode'), locationCode: formString(form, 'locationCode') });
  }

  const rows = levels.data ?? [];
  return (
    <section className="stock">
      <h1>Stock</h1>
      {mayReceive && <ReceiptForm locations={locations.data ?? []} openRequests={requests.data ?? []} />}
      <h2>Levels</h2>
      <form className="toolbar stock-filters" onSubmit={filter} aria-label="Filter stock">
        <Field label="Part code" name="partCode" error={filterError}>
          <input name="partCode" defaultValue={filters.partCode} spellCheck={false} />
        </Field>
        <Field label="Location" name="locationCode" error={filterError}>
          <select name="locationCode" defaultValue={filters.locationCode ?? ''}>
            <option value="">All locations</option>
            {(locations.data ?? []).map((location) => (
              <option key={location.code} value={location.code}>
                {location.code}: {location.name}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit">Filter</button>
      </form>
      <ListState
        isPending={levels.isPending}
        error={filterError && filterError.fields.length > 0 ? null : levels.error}
        isEmpty={rows.length === 0}
        emptyText="No stock held here."
      />
      {rows.length > 0 && (
        <div className="table-wrap">
          <table aria-label="Stock levels">
            <thead>
              <tr>
                <th scope="col">Location</th>
                <th scope="col">Part</th>
                <th scope="col" className="num">
                  On hand
                </th>
                <th scope="col" className="num">
                  Reserved
                </th>
                <th scope="col" className="num">
                  Available
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((level) => (
                <tr
                  key={`${level.locationCode}:${level.partCode}`}
                  data-location={level.locationCode}
                  data-part={level.partCode}
                >
                  <td>{level.locationCode}</td>
                  <th scope="row">{level.partCode}</th>
                  <td className="num" data-column="onHand">
                    {level.onHand}
                  </td>
                  <td className="num" data-column="reserved">
                    {level.reserved}
                  </td>
                  <td className="num" data-column="available">
                    {level.onHand - level.reserved}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Open purchase requests</h2>
      <ListState
        isPending={requests.isPending}
        error={requests.error}
        isEmpty={(requests.data ?? []).length === 0}
        emptyText="No purchase request is open."
      />
      {(requests.data ?? []).length > 0 && (
        <div className="table-wrap">
          <table aria-label="Open purchase requests">
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Part</th>
                <th scope="col">To arrive at</th>
                <th scope="col" className="num">
                  Received / asked
                </th>
                <th scope="col">Asked on</th>
              </tr>
            </thead>
            <tbody>
              {(requests.data ?? []).map((request) => (
                <tr key={request.id}>
                  <td>
                    <Link to="/orders/$orderNo" params={{ orderNo: request.orderNo }}>
                      {request.orderNo}
                    </Link>
                  </td>
                  <th scope="row">{request.partCode}</th>
                  <td>{request.locationCode}</td>
                  <td className="num">
                    {request.receivedQuantity} / {request.quantity}
                  </td>
                  <td>{formatDateTime(request.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Locations</h2>
      <ListState
        isPending={locations.isPending}
        error={locations.error}
        isEmpty={(locations.data ?? []).length === 0}
        emptyText="No locations."
      />
      {(locations.data ?? []).length > 0 && (
        <div className="table-wrap">
          <table aria-label="Locations">
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Name</th>
                <th scope="col">Kind</th>
                <th scope="col">Active</th>
              </tr>
            </thead>
            <tbody>
              {(locations.data ?? []).map((location) => (
                <tr key={location.code}>
                  <th scope="row">{location.code}</th>
                  <td>{location.name}</td>
                  <td>{enumLabel(location.kind)}</td>
                  <td>{location.active ? 'yes' : 'no: takes no receipts or reservations'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const RECEIPT_FIELDS = ['locationCode', 'partCode', 'quantity', 'purchaseRequestId'];

/** Book parts in (收货) at a location, optionally against an open purchase request for the same part there. */
function ReceiptForm({
  locations,
  openRequests,
}: {
  locations: Schemas['StockLocationDto'][];
  openRequests: Schemas['PurchaseRequestDto'][];
}) {
  const queryClient = useQueryClient();
  const [locationCode, setLocationCode] = useState('MAIN');
  const [partCode, setPartCode] = useState('');
  const [quantity, setQuantity] = useState('');
  const [requestId, setRequestId] = useState('');
  const receive = $api.useMutation('post', '/api/stock/receipts', {
    onSuccess: () => void queryClient.invalidateQueries(),
  });
  const error = apiErrorOf(receive.error);

  function pickRequest(id: string) {
    setRequestId(id);
    const request = openRequests.find((candidate) => candidate.id === id);
    if (!request) return;
    setLocationCode(request.locationCode);
    setPartCode(request.partCode);
    setQuantity(String(request.quantity - request.receivedQuantity));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    receive.mutate({
      body: {
        locationCode,
        partCode: partCode.trim(),
        quantity: quantity.trim() === '' ? Number.NaN : Number(quantity.trim()),
        ...(requestId ? { purchaseRequestId: requestId } : {}),
      },
      headers: { 'Idempotency-Key': idempotencyKey() },
    });
  }

  const answer = receive.data;
  return (
    <form className="card form stock-receipt" onSubmit={submit} aria-label="Book in parts" noValidate>
      <h2>Book in parts</h2>
      <div className="stock-grid">
        <Field label="Purchase request" name="purchaseRequestId" error={error} hint="Optional">
          <select value={requestId} onChange={(event) => pickRequest(event.target.value)}>
            <option value="">None: free stock</option>
            {openRequests.map((request) => (
              <option key={request.id} value={request.id}>
                {request.orderNo}: {request.partCode} at {request.locationCode} (
                {request.quantity - request.receivedQuantity} to come)
              </option>
            ))}
          </select>
        </Field>
        <Field label="Location" name="locationCode" error={error}>
          <select value={locationCode} onChange={(event) => setLocationCode(event.target.value)}>
            {locations
              .filter((location) => location.active || location.code === locationCode)
              .map((location) => (
                <option key={location.code} value={location.code}>
                  {location.code}: {location.name}
                </option>
              ))}
            {!locations.some((location) => location.code === locationCode) && (
              <option value={locationCode}>{locationCode}</option>
            )}
          </select>
        </Field>
        <Field label="Part code" name="partCode" error={error}>
          <input
            value={partCode}
            onChange={(event) => setPartCode(event.target.value)}
            spellCheck={false}
            autoComplete="off"
          />
        </Field>
        <Field label="Quantity" name="quantity" error={error} hint="Whole units, 1 to 10 000">
          <input
            value={quantity}
            onChange={(event) => setQuantity(event.target.value)}
            type="number"
            min={1}
            max={10_000}
            step={1}
          />
        </Field>
      </div>
      <ErrorMessage error={receive.error} shownFields={RECEIPT_FIELDS} />
      {answer && !receive.isPending && (
        <p className="notice" role="status">
          Booked in {answer.quantity} × {answer.partCode} at {answer.locationCode}
          {answer.replayed ? ' (already booked with this submission)' : ''}: {answer.level.onHand} on hand,{' '}
          {answer.level.onHand - answer.level.reserved} available
          {answer.purchaseRequest
            ? `; request for ${answer.purchaseRequest.orderNo} is ${answer.purchaseRequest.status.toLowerCase()}`
            : ''}
          .
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={receive.isPending}>
          Book in
        </button>
      </div>
    </form>
  );
}
