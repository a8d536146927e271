import { getRouteApi } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { $api, bearer, isStaffView, type Schemas } from '../../api/client';
import { ErrorMessage } from '../../components/forms';
import { AcceptanceForm } from './acceptance-form';
import { CustomerShell, useCustomerLanguage } from './customer-shell';
import { FeedbackForm } from './feedback-form';
import { LinkProblem, linkProblemOf } from './link-problem';
import { takeLinkToken } from './link-token';
import { PricingForCustomer } from './priced-work';
import { dateTimeIn, windowIn, type Words } from './words';

export type CustomerView = Schemas['CustomerOrderViewDto'];

/** What the customer's answer did, in whichever language the page is in when it shows. */
export type Said = (words: Words) => string;

/** What each part of the page that answers for the customer is given. */
export interface AnswerProps {
  token: string;
  words: Words;
  onAnswered: (said: Said) => void;
}

const POLL_MS = 30_000;
const CATCH_UP_POLL_MS = 1000;
/** How long to poll fast after the customer's answer: the read copy is normally milliseconds behind. */
const CATCH_UP_FOR_MS = 6000;

/**
 * The order as its customer sees it, refreshed while the page is open (a technician may arrive), and
 * quickly for a few seconds after the customer's own answer, until it shows.
 */
export function useCustomerOrder(orderNo: string, token: string | null) {
  const queryClient = useQueryClient();
  const [catchUpUntil, setCatchUpUntil] = useState(0);
  const query = $api.useQuery(
    'get',
    '/api/orders/{orderNo}',
    { params: { path: { orderNo } }, headers: bearer(token ?? '') },
    {
      enabled: token !== null,
      refetchInterval: () => (Date.now() < catchUpUntil ? CATCH_UP_POLL_MS : POLL_MS),
    },
  );
  // The route answers staff with their view; this page is only ever sent the customer's.
  const view = query.data && !isStaffView(query.data) ? query.data : undefined;
  const answered = useCallback(() => {
    setCatchUpUntil(Date.now() + CATCH_UP_FOR_MS);
    void queryClient.invalidateQueries({ queryKey: ['get', '/api/orders/{orderNo}'] });
  }, [queryClient]);
  return { query, view, answered };
}

const route = getRouteApi('/c/$orderNo');

export function CustomerPage() {
  const { orderNo } = route.useParams();
  // Taken once per order: the fragment is gone from the address bar afterwards.
  const token = useMemo(() => takeLinkToken(orderNo), [orderNo]);
  const { query, view, answered } = useCustomerOrder(orderNo, token);
  // What the customer's last answer did, kept above the order while the page catches up with it.
  const [notice, setNotice] = useState<Said | null>(null);
  const { language, words, pick } = useCustomerLanguage(view?.language);
  const problem = token === null ? 'MISSING' : linkProblemOf(query.error);

  return (
    <CustomerShell title={words.title(orderNo)} language={language} words={words} onPick={pick}>
      {problem ? (
        <LinkProblem problem={problem} token={token} words={words} />
      ) : !view ? (
        query.error ? (
          <ErrorMessage error={query.error} />
        ) : (
          <p className="empty">{words.loading}</p>
        )
      ) : (
        <>
          {notice && (
            <p className="notice customer-notice" role="status">
              {notice(words)}
            </p>
          )}
          <OrderForCustomer
            view={view}
            token={token ?? ''}
            words={words}
            onAnswered={(said) => {
              setNotice(() => said);
              answered();
            }}
          />
        </>
      )}
    </CustomerShell>
  );
}

function OrderForCustomer({ view, token, words, onAnswered }: AnswerProps & { view: CustomerView }) {
  const allowed = new Set<string>(view.allowedActions);
  const mayAccept = allowed.has('CUSTOMER_ACCEPT') || allowed.has('CUSTOMER_REJECT');
  const appointment = view.appointment;

  return (
    <>
      <section className="customer-card customer-status" aria-labelledby="customer-status-heading">
        <p id="customer-status-heading" className="customer-status-words" data-status={view.status}>
          {words.status[view.status]}
        </p>
        <dl className="customer-facts">
          <dt>{words.facts.work}</dt>
          <dd>
            {words.orderType[view.type as keyof Words['orderType']] ?? view.type}
            {view.reworkRound > 0 && (
              <span className="muted"> · {words.facts.reworkRound(view.reworkRound)}</span>
            )}
          </dd>
          <dt>{words.facts.appointment}</dt>
          <dd>
            {appointment?.start && appointment.end
              ? windowIn(words, appointment.start, appointment.end)
              : words.facts.notSetYet}
          </dd>
          <dt>{words.facts.technician}</dt>
          <dd data-testid="technician-name">{view.technicianName ?? words.facts.notSetYet}</dd>
        </dl>
        {view.rating !== null && !mayAccept && <p className="customer-rating">{words.rating(view.rating)}</p>}
      </section>

      <PricingForCustomer view={view} token={token} words={words} onAnswered={onAnswered} />

      {mayAccept && <AcceptanceForm view={view} token={token} words={words} onAnswered={onAnswered} />}

      {allowed.has('CUSTOMER_FEEDBACK') ? (
        <FeedbackForm orderNo={view.orderNo} token={token} words={words} onAnswered={onAnswered} />
      ) : (
        view.feedback.answeredAt && (
          <p className="customer-card muted">
            {words.feedback.answered(dateTimeIn(words, view.feedback.answeredAt))}
          </p>
        )
      )}

      <section className="customer-card" aria-labelledby="customer-timeline-heading">
        <h2 id="customer-timeline-heading">{words.timeline}</h2>
        <CustomerTimeline timeline={view.timeline} words={words} />
      </section>
    </>
  );
}

/** Newest first: what happened last is what the customer opened the page for. */
function CustomerTimeline({ timeline, words }: { timeline: CustomerView['timeline']; words: Words }) {
  if (timeline.length === 0) return <p className="muted">{words.timelineEmpty}</p>;
  return (
    <ol className="customer-timeline">
      {[...timeline]
        .sort((a, b) => b.seq - a.seq)
        .map((entry) => (
          <li key={entry.seq} data-event={entry.event}>
            <span className="customer-timeline-what">
              {words.event[entry.event]}
              {entry.milestone && entry.event === 'WORK_STARTED' && (
                <span className="muted"> · {words.milestone[entry.milestone]}</span>
              )}
            </span>
            <time dateTime={entry.at} className="small muted">
              {dateTimeIn(words, entry.at)}
            </time>
          </li>
        ))}
    </ol>
  );
}
