/**
 * Query keys of the notifications area, broad to specific: `notificationKeys.lists()` every loaded
 * notification list, so one line refreshes them all after a change.
 */
export const notificationKeys = {
  all: ['notifications'] as const,
  account: (accountId: number) => [...notificationKeys.all, 'account', accountId] as const,
  lists: () => [...notificationKeys.all, 'list'] as const,
  /** Every notification of an account's chain (`include_all`), with authors. */
  list: (accountId: number) => [...notificationKeys.lists(), accountId] as const,
  /** The roles a notification of this account can target. */
  roles: (accountId: number) => [...notificationKeys.all, 'roles', accountId] as const,
  /** The signed-in user's profile, for their Canvas time zone. */
  ownProfile: () => [...notificationKeys.all, 'own-profile'] as const,
};
