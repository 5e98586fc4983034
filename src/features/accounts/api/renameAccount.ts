import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { canvasFetch } from '../../../api/http.ts';
import { Account } from '../../../api/schemas/account.ts';
import { replaceAccountInLists } from './accountListCache.ts';
import { accountKeys } from './keys.ts';

/** Mirrors Canvas's update validation: the same message Canvas puts on `name` for a blank name. */
export const RenameAccountInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'The account name cannot be blank')
    .max(255, 'Name is too long (maximum is 255 characters)'),
});
export type RenameAccountInput = z.input<typeof RenameAccountInput>;

export interface RenameAccountVariables {
  accountId: number;
  input: RenameAccountInput;
}

/** PUT /api/v1/accounts/:id with `{account: {name}}`. */
export function renameAccount({ accountId, input }: RenameAccountVariables): Promise<Account> {
  const { name } = RenameAccountInput.parse(input);
  return canvasFetch(`/api/v1/accounts/${accountId}`, {
    method: 'PUT',
    body: { account: { name } },
    schema: Account,
  });
}

export function useRenameAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: renameAccount,
    onSuccess: async (account) => {
      replaceAccountInLists(queryClient, account);
      const invalidations = [
        queryClient.invalidateQueries({ queryKey: accountKeys.detail(account.id) }),
        queryClient.invalidateQueries({ queryKey: accountKeys.ancestries() }),
      ];
      // The parent's list is ordered by name, so it is refetched to put the account in its new place.
      if (account.parent_account_id !== null) {
        invalidations.push(
          queryClient.invalidateQueries({ queryKey: accountKeys.subAccounts(account.parent_account_id) }),
        );
      }
      await Promise.all(invalidations);
    },
  });
}
