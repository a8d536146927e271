import { useState } from 'react';
import type { ApiError, Schemas } from '../../api/client';
import { ErrorMessage, Field } from '../../components/forms';
import { OrderLink, StatusBadge } from '../../components/status';

/** One of the running-orders queries (GET …/running-orders), as far as the preview needs it. */
export interface RunningOrdersQuery {
  data?: Schemas['RunningOrdersDto'];
  error: unknown;
  isPending: boolean;
}

/**
 * The `applyToRunning` switch of a policy or calendar edit, its required `reason`, and beside them the
 * running orders the switch would re-project, so the admin sees what the edit touches before saving.
 * The form reads `applyToRunning` ("on") and `reason` from its FormData.
 */
export function ApplyToRunning({ running, error }: { running: RunningOrdersQuery; error: ApiError | null }) {
  const [apply, setApply] = useState(false);
  return (
    <div className="admin-running">
      <div className="stack">
        <label className="check">
          <input
            type="checkbox"
            name="applyToRunning"
            checked={apply}
            onChange={(event) => setApply(event.target.checked)}
          />
          Apply to running orders
        </label>
        <span className="field-hint">
          Off: only orders created from now on use this. On: the running orders listed here re-project their
          deadlines; the reason goes on each order's timeline.
        </span>
        {apply && (
          <Field label="Reason" name="reason" error={error}>
            <textarea name="reason" maxLength={500} />
          </Field>
        )}
      </div>
      <RunningOrdersPreview running={running} />
    </div>
  );
}

function RunningOrdersPreview({ running }: { running: RunningOrdersQuery }) {
  if (running.error) return <ErrorMessage error={running.error} />;
  if (running.isPending || !running.data) return <p className="muted small">Finding the running orders…</p>;
  const { total, orders } = running.data;
  if (total === 0) return <p className="muted small">No running order would be re-projected.</p>;
  return (
    <section aria-label="Running orders">
      <strong>
        Applying to running orders re-projects {total.toLocaleString('en')} {total === 1 ? 'order' : 'orders'}
        :
      </strong>
      <ul className="admin-running-list">
        {orders.map((order) => (
          <li key={order.orderNo}>
            <OrderLink orderNo={order.orderNo} /> <StatusBadge status={order.status} />{' '}
            <span className="muted small">v{order.policyVersion}</span>
          </li>
        ))}
      </ul>
      {total > orders.length && (
        <p className="muted small">
          The first {orders.length} are listed; {(total - orders.length).toLocaleString('en')} more.
        </p>
      )}
    </section>
  );
}

/** What a save answered: the saved version (policies) and how many running orders were signalled. */
export function SavedNotice({ what, signalledOrders }: { what: string; signalledOrders: number }) {
  return (
    <p className="notice" role="status">
      Saved {what}.{' '}
      {signalledOrders > 0
        ? `${signalledOrders} running ${signalledOrders === 1 ? 'order was' : 'orders were'} signalled to re-project.`
        : 'No running order was signalled.'}
    </p>
  );
}
