import { DEFAULT_DISPATCH_MODE } from '../../components/vocabulary';
import { formatDateTime } from '../../components/time';
import {
  CHANNEL_LABELS,
  DISPATCH_MODE_LABELS,
  formatMoney,
  ZONE_LABELS,
  type OrderDetails,
} from './order-draft';

/** What a reviewer needs to see of an order, in a few lines. */
export function OrderBrief({ details }: { details: OrderDetails }) {
  const { customer, equipment, appointment } = details;
  const place = [customer.address, ZONE_LABELS[customer.zone], customer.region].filter(Boolean).join(' · ');
  const device = [
    equipment?.model,
    equipment?.serialNumber,
    equipment?.purchaseDate && `bought ${equipment.purchaseDate}`,
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <dl className="intake-brief">
      <dt>Customer</dt>
      <dd>
        {customer.name}
        {customer.vip && <span className="badge warn">VIP</span>} · {customer.phone}
        <br />
        <span className="muted small">{place}</span>
      </dd>
      <dt>Equipment</dt>
      <dd>{device || '—'}</dd>
      <dt>Fault</dt>
      <dd>{details.faultDescription || '—'}</dd>
      <dt>Service items</dt>
      <dd>
        <ul>
          {details.serviceItems.map((item, index) => (
            <li key={`${index}-${item.code}`}>
              {item.code} {item.description && `— ${item.description}`}: {item.quantity} ×{' '}
              {formatMoney(item.unitPrice)}
            </li>
          ))}
        </ul>
        Total <strong>{formatMoney(details.totalAmount)}</strong>
        {details.paymentMethod && <span className="muted"> · {details.paymentMethod}</span>}
        {details.isWarranty && <span className="badge">warranty</span>}
      </dd>
      <dt>Appointment</dt>
      <dd>
        {appointment ? `${formatDateTime(appointment.start)} – ${formatDateTime(appointment.end)}` : '—'}
      </dd>
      <dt>Dispatch</dt>
      <dd>
        {DISPATCH_MODE_LABELS[details.dispatchMode ?? DEFAULT_DISPATCH_MODE]}
        {details.requiredSkills?.length ? ` · skills ${details.requiredSkills.join(', ')}` : ''}
        <span className="muted"> · via {CHANNEL_LABELS[details.channel].toLowerCase()}</span>
      </dd>
    </dl>
  );
}
