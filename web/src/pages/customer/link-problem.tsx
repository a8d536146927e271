import { $api, asApiError, bearer, idempotencyKey } from '../../api/client';
import { ErrorMessage } from '../../components/forms';
import type { Words } from './words';

/** Why the page cannot show the order: no token at all, an expired link, or one the server refuses. */
export type LinkProblemKind = 'MISSING' | 'EXPIRED' | 'INVALID';

/** A 401 is always about the link (the page sends nothing else); an expired one says so in its details. */
export function linkProblemOf(error: unknown): LinkProblemKind | null {
  if (!error) return null;
  const refusal = asApiError(error);
  if (refusal.status !== 401) return null;
  const details = refusal.details as { reason?: unknown } | undefined;
  return details?.reason === 'LINK_EXPIRED' ? 'EXPIRED' : 'INVALID';
}

export function LinkProblem({
  problem,
  token,
  words,
}: {
  problem: LinkProblemKind;
  token: string | null;
  words: Words;
}) {
  if (problem === 'EXPIRED' && token) return <ExpiredLink token={token} words={words} />;
  return (
    <section className="customer-card" role="alert">
      <h2>{problem === 'MISSING' ? words.link.missing : words.link.invalid}</h2>
      <p>{words.link.invalidHint}</p>
    </section>
  );
}

/**
 * An expired link still names its order: the server sends a fresh one to the number or address on file
 * (never to one typed here), and says where, masked.
 */
function ExpiredLink({ token, words }: { token: string; words: Words }) {
  const resend = $api.useMutation('post', '/api/customer-links');
  const refusal = resend.error ? asApiError(resend.error) : null;
  const refusalWords =
    refusal?.status === 409
      ? words.link.closed
      : refusal?.status === 422
        ? words.link.noChannel
        : refusal?.status === 429
          ? words.link.tooMany
          : null;

  return (
    <section className="customer-card" aria-labelledby="expired-heading">
      <h2 id="expired-heading">{words.link.expired}</h2>
      {resend.isSuccess ? (
        <div role="status" className="notice">
          <p className="customer-sent-to">{words.link.sentTo}</p>
          <ul className="customer-addresses">
            {resend.data.sentTo.map((address) => (
              <li key={address}>{address}</li>
            ))}
          </ul>
        </div>
      ) : (
        <>
          <p>{words.link.expiredHint}</p>
          <button
            type="button"
            className="primary customer-button"
            disabled={resend.isPending}
            // Public route: the expired token itself says which order; no staff session goes with it.
            onClick={() =>
              resend.mutate({
                body: { token },
                headers: { ...bearer(token), 'Idempotency-Key': idempotencyKey() },
              })
            }
          >
            {resend.isPending ? words.link.sending : words.link.resend}
          </button>
          {refusalWords ? (
            <p className="error-message" role="alert">
              {refusalWords}
            </p>
          ) : (
            <ErrorMessage error={resend.error} />
          )}
        </>
      )}
    </section>
  );
}
