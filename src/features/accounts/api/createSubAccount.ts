import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { canvasFetch } from '../../../api/http.ts';
import { Account } from '../../../api/schemas/account.ts';
import { administeredAccountsKey } from '../../../lib/administeredAccounts.ts';
import { addAccountToSubtrees } from './accountListCache.ts';
import { accountKeys } from './keys.ts';

/** Mirrors Canvas: a name is required (same message as Canvas's 400) and at most 255 characters. */
export const NewSubAccountInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Account name is required')
    .max(255, 'Name is too long (maximum is 255 characters)'),
});
export type NewSubAccountInput = z.input<typeof NewSubAccountInput>;

export interface CreateSubAccountVariables {
  parentId: number;
  input: NewSubAccountInput;
}

/** POST /api/v1/accounts/:parent/sub_accounts. Canvas answers 200 with the new account. */
export function createSubAccount({ parentId, input }: CreateSubAccountVariables): Promise<Account> {
  const { name } = NewSubAccountInput.parse(input);
  return canvasFetch(`/api/v1/accounts/${parentId}/sub_accounts`, {
    method: 'POST',
    body: { account: { name } },
    schema: Account,
  });
}

export function useCreateSubAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSubAccount,
    onSuccess: async (account, { parentId }) => {
      addAccountToSubtrees(queryClient, account);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: accountKeys.subAccounts(parentId) }),
        queryClient.invalidateQueries({ queryKey: administeredAccountsKey }),
        queryClient.invalidateQueries({ queryKey: accountKeys.detail(parentId) }),
      ]);
    },
  });
}
