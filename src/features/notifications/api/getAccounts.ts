import { useQuery } from '@tanstack/react-query';
import * as z from 'zod';
import { canvasFetch } from '../../../api/http.ts';
import { Account } from '../../../api/schemas/account.ts';
import { notificationKeys } from './keys.ts';

/** What the account picker and the page need of an account. */
export const NotificationAccount = z.object({
  id: Account.shape.id,
  name: Account.shape.name,
  parent_account_id: Account.shape.parent_account_id,
});
export type NotificationAccount = z.output<typeof NotificationAccount>;

/** GET /api/v1/accounts/:id: the chosen account's name and parent. */
export function fetchNotificationAccount(
  accountId: number,
  signal?: AbortSignal,
): Promise<NotificationAccount> {
  return canvasFetch(`/api/v1/accounts/${accountId}`, { schema: NotificationAccount, signal });
}

export function useNotificationAccount(accountId: number | null) {
  return useQuery({
    queryKey: notificationKeys.account(accountId ?? 0),
    queryFn: ({ signal }) => fetchNotificationAccount(accountId ?? 0, signal),
    enabled: accountId !== null,
  });
}
