import { $api } from '../../api/client';

/** The count of unread notifications next to "Inbox" in the navigation; nothing when there are none. */
export function UnreadBadge() {
  // One item is enough: the page answers with the unread count of the whole inbox.
  const inbox = $api.useQuery(
    'get',
    '/api/me/notifications',
    { params: { query: { unreadOnly: true, pageSize: 1 } } },
    { refetchInterval: 10_000 },
  );
  const unread = inbox.data?.unread ?? 0;
  if (unread === 0) return null;
  return (
    <span className="badge bad" aria-label={`${unread} unread`}>
      {unread > 99 ? '99+' : unread}
    </span>
  );
}
