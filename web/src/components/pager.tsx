// Paging for the lists of these pages (orders, escalations, inbox, users): the API's page DTOs all carry
// page, pageSize, total and totalCapped.
import { ErrorMessage } from './forms';

export interface PageMeta {
  page: number;
  pageSize: number;
  total: number;
  /** True when `total` is a lower bound: the server stopped counting at its cap. */
  totalCapped: boolean;
}

/** "1,234", or "1,000+" when the server stopped counting. */
export function formatTotal({ total, totalCapped }: Pick<PageMeta, 'total' | 'totalCapped'>): string {
  return `${total.toLocaleString('en')}${totalCapped ? '+' : ''}`;
}

/** "21–40 of 1,000+" with Previous / Next; hidden when everything fits on one page. */
export function Pager({
  meta,
  shown,
  onPage,
  noun = 'items',
}: {
  meta: PageMeta;
  /** Items on this page. */
  shown: number;
  onPage: (page: number) => void;
  noun?: string;
}) {
  const first = shown === 0 ? 0 : (meta.page - 1) * meta.pageSize + 1;
  const last = (meta.page - 1) * meta.pageSize + shown;
  // Past a capped count the last page is unknown: a full page means there may be more.
  const hasNext = meta.totalCapped ? shown === meta.pageSize : last < meta.total;
  return (
    <nav className="row pager" aria-label="Pages">
      <span className="muted small" aria-live="polite">
        {shown === 0 ? `0 ${noun}` : `${first}–${last} of ${formatTotal(meta)} ${noun}`}
      </span>
      {(meta.page > 1 || hasNext) && (
        <>
          <span className="spacer" />
          <button type="button" disabled={meta.page <= 1} onClick={() => onPage(meta.page - 1)}>
            Previous page
          </button>
          <span className="small">Page {meta.page}</span>
          <button type="button" disabled={!hasNext} onClick={() => onPage(meta.page + 1)}>
            Next page
          </button>
        </>
      )}
    </nav>
  );
}

/**
 * What a list shows besides its rows: the query's error (also when a poll fails over older rows), the
 * loading line, or the empty line.
 */
export function ListState({
  isPending,
  error,
  isEmpty,
  emptyText,
}: {
  isPending: boolean;
  error: unknown;
  isEmpty: boolean;
  emptyText: string;
}) {
  if (error) return <ErrorMessage error={error} />;
  if (isPending) return <p className="empty">Loading…</p>;
  if (isEmpty) return <p className="empty">{emptyText}</p>;
  return null;
}
