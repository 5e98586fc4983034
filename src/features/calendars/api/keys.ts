/**
 * Query keys of the calendars area, broad to specific, so that one prefix invalidates a family:
 * `calendarKeys.lists()` every loaded calendar list, `calendarKeys.visibleCounts()` every count.
 */
export const calendarKeys = {
  all: ['calendars'] as const,
  /** GET /accounts: the accounts the user administers, offered in the account picker. */
  lists: () => [...calendarKeys.all, 'list'] as const,
  /** Every calendar of an account and its descendants. */
  list: (accountId: number) => [...calendarKeys.lists(), accountId] as const,
  sisIdLists: () => [...calendarKeys.all, 'sis-ids'] as const,
  /** SIS ids of an account and its descendants (calendars carry none). */
  sisIds: (accountId: number) => [...calendarKeys.sisIdLists(), accountId] as const,
  visibleCounts: () => [...calendarKeys.all, 'visible-count'] as const,
  visibleCount: (accountId: number) => [...calendarKeys.visibleCounts(), accountId] as const,
};
