/** The count of unread notifications next to "Inbox" in the navigation. */
export function UnreadBadge() {
  return null;
}
