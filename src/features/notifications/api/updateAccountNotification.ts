import { useMutation, useQueryClient } from '@tanstack/react-query';
import { canvasFetch } from '../../../api/http.ts';
import { AccountNotification, NIL_ENROLLMENT_ROLE } from '../../../api/schemas/accountNotification.ts';
import { toCanvasTimestamp } from '../../../lib/zonedTime.ts';
import { type AccountNotificationInput, accountNotificationBody } from './createAccountNotification.ts';
import { notificationKeys } from './keys.ts';

export interface UpdateAccountNotificationVariables {
  accountId: number;
  notificationId: number;
  input: AccountNotificationInput;
}

/**
 * PUT /api/v1/accounts/:account_id/account_notifications/:id. Canvas replaces the roles with the ones
 * sent, so every update sends the full set; the notification must belong to the account itself.
 */
export function updateAccountNotification({
  accountId,
  notificationId,
  input,
}: UpdateAccountNotificationVariables): Promise<AccountNotification> {
  return canvasFetch(`/api/v1/accounts/${accountId}/account_notifications/${notificationId}`, {
    method: 'PUT',
    body: accountNotificationBody(input),
    schema: AccountNotification,
  });
}

/** The `account_notification_roles[]` that keep a notification's current targeting. */
export function rolesOf(notification: Pick<AccountNotification, 'role_ids'>): string[] {
  return notification.role_ids.map((roleId) => (roleId === null ? NIL_ENROLLMENT_ROLE : String(roleId)));
}

export interface EndAccountNotificationVariables {
  accountId: number;
  notification: AccountNotification;
  /** Epoch milliseconds; the caller's clock. */
  now: number;
}

/**
 * Ends a current notification now: PUT with `end_at` = now. Its roles go along, because a PUT without
 * them would open the notification to everyone.
 */
export function endAccountNotificationNow({
  accountId,
  notification,
  now,
}: EndAccountNotificationVariables): Promise<AccountNotification> {
  return canvasFetch(`/api/v1/accounts/${accountId}/account_notifications/${notification.id}`, {
    method: 'PUT',
    body: {
      account_notification: { end_at: toCanvasTimestamp(now) },
      account_notification_roles: rolesOf(notification),
    },
    schema: AccountNotification,
  });
}

export function useUpdateAccountNotification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateAccountNotification,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.lists() }),
  });
}

export function useEndAccountNotificationNow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: endAccountNotificationNow,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.lists() }),
  });
}
