// The customer's link token: it arrives in the URL's fragment (`/c/SO-…#t=<token>`), which browsers never
// send to a server, so it stays out of access logs. The page keeps it in sessionStorage for that order (a
// reload still works, closing the tab forgets it) and takes it out of the address bar at once, so it is
// not bookmarked, shared by copying the address, or left in the history.

const storageKey = (orderNo: string) => `service-orders.customer-link.${orderNo}`;

/** The token from `#t=` in `hash`, or null. */
export function tokenFromFragment(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('t');
  return token && token.trim() !== '' ? token.trim() : null;
}

/**
 * The order's link token: a fresh one from the fragment (stored, then removed from the address bar), else
 * the one stored earlier in this tab, else null.
 */
export function takeLinkToken(orderNo: string): string | null {
  const fresh = tokenFromFragment(window.location.hash);
  if (fresh) {
    sessionStorage.setItem(storageKey(orderNo), fresh);
    const { pathname, search } = window.location;
    // Keep the router's own history state: it holds the entry's key.
    window.history.replaceState(window.history.state, '', `${pathname}${search}`);
    return fresh;
  }
  return sessionStorage.getItem(storageKey(orderNo));
}
