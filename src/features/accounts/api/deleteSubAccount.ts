import { useMutation, useQueryClient } from '@tanstack/react-query';
import { canvasFetch } from '../../../api/http.ts';
import { Account } from '../../../api/schemas/account.ts';
import { administeredAccountsKey } from '../../../lib/administeredAccounts.ts';
import { removeAccountFromLists } from './accountListCache.ts';
import { accountKeys } from './keys.ts';

export interface DeleteSubAccountVariables {
  parentId: number;
  accountId: number;
}

/**
 * DELETE /api/v1/accounts/:parent/sub_accounts/:id. Canvas refuses with 409 while the account holds
 * courses or sub-accounts; success returns the account with workflow_state "deleted".
 */
export function deleteSubAccount({ parentId, accountId }: DeleteSubAccountVariables): Promise<Account> {
  return canvasFetch(`/api/v1/accounts/${parentId}/sub_accounts/${accountId}`, {
    method: 'DELETE',
    schema: Account,
  });
}

export function useDeleteSubAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteSubAccount,
    onSuccess: async (_deleted, { parentId, accountId }) => {
      removeAccountFromLists(queryClient, accountId);
      queryClient.removeQueries({ queryKey: accountKeys.detail(accountId) });
      queryClient.removeQueries({ queryKey: accountKeys.ancestry(accountId) });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: accountKeys.subAccounts(parentId) }),
        queryClient.invalidateQueries({ queryKey: administeredAccountsKey }),
        queryClient.invalidateQueries({ queryKey: accountKeys.detail(parentId) }),
      ]);
    },
  });
}
