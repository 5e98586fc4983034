import { useMutation, useQueryClient } from '@tanstack/react-query';
import { canvasFetch } from '../../../api/http.ts';
import { AccountNotification } from '../../../api/schemas/accountNotification.ts';
import { notificationKeys } from './keys.ts';

export interface DeleteAccountNotificationVariables {
  accountId: number;
  notificationId: number;
}

/**
 * DELETE /api/v1/accounts/:account_id/account_notifications/:id?remove=true: deletes it for everyone
 * (admins only). Without `remove` Canvas would merely close it for the caller.
 */
export function deleteAccountNotification({
  accountId,
  notificationId,
}: DeleteAccountNotificationVariables): Promise<AccountNotification> {
  return canvasFetch(`/api/v1/accounts/${accountId}/account_notifications/${notificationId}`, {
    method: 'DELETE',
    params: { remove: true },
    schema: AccountNotification,
  });
}

export function useDeleteAccountNotification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAccountNotification,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.lists() }),
  });
}
