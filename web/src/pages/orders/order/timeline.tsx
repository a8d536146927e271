import type { ReactNode } from 'react';
import type { Claims } from '../../../auth/session';
import { STATUS_LABELS } from '../../../components/status';
import { formatDateTime } from '../../../components/time';
import { formatMoney } from '../../../../../src/domain/money';
import { humanize, MILESTONE_LABELS, timelineActionLabel } from './labels';
import { detailText, personName, type PeopleNames, type TimelineEntry } from './people';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Details the entry shows elsewhere (the actor) or that mean nothing to a reader (ids). */
function isShownElsewhere(key: string): boolean {
  return key === 'actorName' || key === 'id' || /Ids?$/.test(key);
}

/** Keys whose values are codes people type (part codes, invoice numbers): shown as they are. */
const VERBATIM_KEYS = new Set(['code', 'partCode', 'invoiceNo', 'serialNumber', 'model', 'orderNo']);
const CODE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;
const CODE_LABELS: Record<string, string> = MILESTONE_LABELS;

/**
 * Entries of priced work whose amounts are minor units of the order's currency (SETTLE's amount stays in
 * major units, as the settlement takes it).
 */
const MINOR_UNIT_ACTIONS = new Set([
  'PROPOSE_QUOTE',
  'APPROVE_QUOTE',
  'DECLINE_QUOTE',
  'QUOTE_EXPIRED',
  'PROPOSE_ADDED_WORK',
  'APPROVE_ADDED_WORK',
  'DECLINE_ADDED_WORK',
  'ADDED_WORK_LAPSED',
  'COLLECT_PAYMENT',
  'COMPLETE',
]);
const MONEY_KEYS = new Set([
  'amount',
  'approvalLimit',
  'approvedTotal',
  'diagnosisFee',
  'unitPrice',
  'finalPrice',
  'invoiceAmount',
  'cataloguePrice',
]);

type Money = ((minor: number) => string) | undefined;

interface PricedLineDetail {
  code: string;
  description?: string;
  quantity: number;
  unit?: string;
  amount: number;
}

function isPricedLine(value: unknown): value is PricedLineDetail {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as PricedLineDetail).code === 'string' &&
    typeof (value as PricedLineDetail).quantity === 'number' &&
    typeof (value as PricedLineDetail).amount === 'number'
  );
}

/** One detail value in words: dates as dates, codes as words, yes/no, lists and nested records inline. */
function readable(value: unknown, key = '', money?: Money): ReactNode {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return money && MONEY_KEYS.has(key) ? money(value) : String(value);
  if (typeof value === 'string') {
    if (ISO_DATE_TIME.test(value)) return formatDateTime(value);
    if (!VERBATIM_KEYS.has(key) && CODE.test(value))
      return STATUS_LABELS[value] ?? CODE_LABELS[value] ?? humanize(value);
    return value;
  }
  if (Array.isArray(value)) {
    // An estimate's lines, one short line each: "Capacitor 35µF (AC-CAP-35UF) × 1 pc: CN¥45.00".
    if (money && value.length > 0 && value.every(isPricedLine))
      return (
        <ul>
          {value.map((line, index) => (
            <li key={index}>
              {line.description ? `${line.description} (${line.code})` : line.code} × {line.quantity}
              {line.unit ? ` ${line.unit}` : ''}: {money(line.amount)}
            </li>
          ))}
        </ul>
      );
    const items = value.map((item) => readable(item, key, money)).filter((item) => item !== null);
    if (items.length === 0) return null;
    if (value.every((item) => typeof item !== 'object' || item === null)) return items.join(', ');
    return (
      <ul>
        {items.map((item, index) => (
          <li key={index}>{item}</li>
        ))}
      </ul>
    );
  }
  if (typeof value === 'object') {
    const parts = Object.entries(value)
      .filter(([key]) => !isShownElsewhere(key))
      .map(([key, inner]) => [key, readable(inner, key, money)] as const)
      .filter(([, inner]) => inner !== null);
    return parts.map(([key, inner], index) => (
      <span key={key}>
        {index > 0 && ', '}
        {humanize(key).toLowerCase()}: {inner}
      </span>
    ));
  }
  return String(value);
}

function EntryDetails({ entry, currency }: { entry: TimelineEntry; currency: string | undefined }) {
  const details: Record<string, unknown> = entry.details;
  const money: Money =
    currency && MINOR_UNIT_ACTIONS.has(entry.action) ? (minor) => formatMoney(minor, currency) : undefined;
  const rows = Object.entries(details)
    .filter(([key]) => !isShownElsewhere(key))
    .map(([key, value]) => [key, readable(value, key, money)] as const)
    .filter(([, value]) => value !== null);
  if (rows.length === 0) return null;
  return (
    <dl className="order-timeline-details">
      {rows.map(([key, value]) => (
        <div key={key}>
          <dt>{humanize(key)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function StatusChange({ from, to }: { from: string | null; to: string | null }) {
  if (!to || from === to) return null;
  return (
    <span className="small">
      {from ? `${STATUS_LABELS[from] ?? from} → ` : '→ '}
      <strong>{STATUS_LABELS[to] ?? to}</strong>
    </span>
  );
}

export function Timeline({
  entries,
  names,
  claims,
  currency,
}: {
  entries: TimelineEntry[];
  names: PeopleNames;
  claims: Claims | null;
  /** A priced order's currency: its entries' amounts are minor units of it. */
  currency?: string;
}) {
  if (entries.length === 0) return <p className="empty">Nothing recorded yet.</p>;
  // Newest first: what just happened is what the reader looks for.
  const newestFirst = [...entries].sort((a, b) => b.seq - a.seq);
  return (
    <ol className="timeline order-timeline" aria-label="Timeline">
      {newestFirst.map((entry) => {
        const actor =
          entry.actorRole === 'system'
            ? 'system'
            : `${personName(entry.actorId, names, claims, detailText(entry, 'actorName') ?? entry.actorRole)}`;
        return (
          <li key={entry.seq} data-action={entry.action}>
            <div className="row">
              <strong>{timelineActionLabel(entry.action)}</strong>
              <StatusChange from={entry.fromStatus} to={entry.toStatus} />
            </div>
            <div className="small muted">
              {formatDateTime(entry.at)} · {actor}
            </div>
            <EntryDetails entry={entry} currency={currency} />
          </li>
        );
      })}
    </ol>
  );
}
