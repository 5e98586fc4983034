/** The window a notification is shown in, as Canvas stores it (UTC timestamps). */
export interface NotificationWindow {
  start_at: string;
  end_at: string;
}

export const NOTIFICATION_STATUSES = ['current', 'scheduled', 'past'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const STATUS_LABELS: Record<NotificationStatus, string> = {
  current: 'Current',
  scheduled: 'Scheduled',
  past: 'Past',
};

/** Canvas shows a notification while `start_at <= now <= end_at`; before that it's scheduled, after it's past. */
export function notificationStatus(window: NotificationWindow, now: number): NotificationStatus {
  if (Date.parse(window.start_at) > now) return 'scheduled';
  if (Date.parse(window.end_at) < now) return 'past';
  return 'current';
}

/**
 * Notifications by status, each group in the order an admin reads it: current ones ending soonest
 * first, scheduled ones starting soonest first, past ones most recently ended first.
 */
export function groupByStatus<T extends NotificationWindow>(
  notifications: readonly T[],
  now: number,
): Record<NotificationStatus, T[]> {
  const groups: Record<NotificationStatus, T[]> = { current: [], scheduled: [], past: [] };
  for (const notification of notifications) groups[notificationStatus(notification, now)].push(notification);
  const by = (key: keyof NotificationWindow, direction: 1 | -1) => (a: T, b: T) =>
    direction * (Date.parse(a[key]) - Date.parse(b[key]));
  groups.current.sort(by('end_at', 1));
  groups.scheduled.sort(by('start_at', 1));
  groups.past.sort(by('end_at', -1));
  return groups;
}

function windowFormatter(zone: string, locale?: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

/**
 * "Mar 3, 2025, 9:00 AM – Mar 10, 2025, 5:00 PM MDT" on the zone's clock, the zone abbreviated where
 * each end needs it (a window across a DST change names both).
 */
export function formatWindow(window: NotificationWindow, zone: string, locale?: string): string {
  const start = Date.parse(window.start_at);
  const end = Date.parse(window.end_at);
  const formatter = windowFormatter(zone, locale);
  // formatRange refuses an end before the start; a draft can be in that state.
  return end >= start
    ? formatter.formatRange(start, end)
    : `${formatter.format(start)} – ${formatter.format(end)}`;
}

export function formatInstant(timestamp: string, zone: string, locale?: string): string {
  return windowFormatter(zone, locale).format(Date.parse(timestamp));
}
