import './inbox.css';
import { useQueryClient } from '@tanstack/react-query';
import { createRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { $api, idempotencyKey, type Schemas } from '../../api/client';
import { ErrorMessage } from '../../components/forms';
import { OrderLink } from '../../components/status';
import { formatDateTime } from '../../components/time';
import { requireSignIn, rootRoute } from '../../root';
import { ListState, Pager } from '../../components/pager';
import { enumLabel } from '../../components/vocabulary';

export const notificationsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/notifications',
  beforeLoad: requireSignIn,
  component: NotificationsPage,
});

function NotificationsPage() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  // The server sorts unread first, newest first within each.
  const inbox = $api.useQuery(
    'get',
    '/api/me/notifications',
    { params: { query: { unreadOnly: unreadOnly || undefined, page } } },
    { refetchInterval: 5000 },
  );
  const items = inbox.data?.items ?? [];

  return (
    <section>
      <h1>Inbox</h1>
      <div className="toolbar inbox-toolbar">
        <p className="muted inbox-count" aria-live="polite">
          {inbox.data ? `${inbox.data.unread} unread` : ' '}
        </p>
        <span className="spacer" />
        <label className="check">
          <input
            type="checkbox"
            checked={unreadOnly}
            onChange={(event) => {
              setUnreadOnly(event.target.checked);
              setPage(1);
            }}
          />
          Unread only
        </label>
      </div>
      <ListState
        isPending={inbox.isPending}
        error={inbox.error}
        isEmpty={items.length === 0}
        emptyText={unreadOnly ? 'Nothing unread.' : 'No notifications yet.'}
      />
      {items.length > 0 && <NotificationList notifications={items} />}
      {inbox.data && <Pager meta={inbox.data} shown={items.length} noun="notifications" onPage={setPage} />}
    </section>
  );
}

function NotificationList({ notifications }: { notifications: Schemas['NotificationDto'][] }) {
  const queryClient = useQueryClient();
  const markRead = $api.useMutation('post', '/api/me/notifications/{id}/read', {
    // Also refreshes the unread count in the navigation.
    onSuccess: () => queryClient.invalidateQueries(),
  });
  return (
    <>
      <ErrorMessage error={markRead.error} />
      <ul className="inbox-list" aria-label="Notifications">
        {notifications.map((notification) => {
          const unread = notification.readAt === null;
          return (
            <li
              key={notification.id}
              className={`card inbox-item ${unread ? 'unread' : ''}`}
              data-notification-id={notification.id}
            >
              <div className="row">
                <h2 className="inbox-title">
                  {unread && <span className="badge bad">Unread</span>} {notification.title}
                </h2>
                <span className="spacer" />
                <span className="muted small">
                  {enumLabel(notification.kind)} · {formatDateTime(notification.createdAt)}
                </span>
              </div>
              <p className="inbox-body">{notification.body}</p>
              <div className="row">
                {notification.orderNo && (
                  <span className="small">
                    Order <OrderLink orderNo={notification.orderNo} />
                  </span>
                )}
                <span className="spacer" />
                {unread ? (
                  <button
                    type="button"
                    disabled={markRead.isPending && markRead.variables?.params.path.id === notification.id}
                    onClick={() =>
                      markRead.mutate({
                        params: { path: { id: notification.id } },
                        headers: { 'Idempotency-Key': idempotencyKey() },
                      })
                    }
                  >
                    Mark read
                  </button>
                ) : (
                  <span className="muted small">Read {formatDateTime(notification.readAt)}</span>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
