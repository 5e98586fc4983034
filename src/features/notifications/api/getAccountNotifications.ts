import { queryOptions, useQuery } from '@tanstack/react-query';
import { canvasFetch } from '../../../api/http.ts';
import {
  type AccountNotification,
  AccountNotificationList,
} from '../../../api/schemas/accountNotification.ts';
import { notificationKeys } from './keys.ts';

/**
 * GET /api/v1/accounts/:account_id/account_notifications?include_all=true: every notification of the
 * account, its ancestors and Site Admin, whatever its dates, roles or closing, each with its author.
 * Admin only; not paginated.
 */
export function fetchAccountNotifications(
  accountId: number,
  signal?: AbortSignal,
): Promise<AccountNotification[]> {
  return canvasFetch(`/api/v1/accounts/${accountId}/account_notifications`, {
    params: { include_all: true },
    schema: AccountNotificationList,
    signal,
  });
}

export function accountNotificationsQueryOptions(accountId: number) {
  return queryOptions({
    queryKey: notificationKeys.list(accountId),
    queryFn: ({ signal }) => fetchAccountNotifications(accountId, signal),
  });
}

export function useAccountNotifications(accountId: number | null) {
  return useQuery({
    ...accountNotificationsQueryOptions(accountId ?? 0),
    enabled: accountId !== null,
  });
}
