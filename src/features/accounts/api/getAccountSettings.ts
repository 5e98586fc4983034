import { queryOptions, useQuery } from '@tanstack/react-query';
import { canvasFetch } from '../../../api/http.ts';
import { AccountSettings } from '../../../api/schemas/accountSettings.ts';
import { accountKeys } from './keys.ts';

/** GET /api/v1/accounts/:id/settings: often `{}`; 403 without manage_account_settings. */
export function fetchAccountSettings(accountId: number, signal?: AbortSignal): Promise<AccountSettings> {
  return canvasFetch(`/api/v1/accounts/${accountId}/settings`, { schema: AccountSettings, signal });
}

export function accountSettingsQueryOptions(accountId: number) {
  return queryOptions({
    queryKey: accountKeys.settings(accountId),
    queryFn: ({ signal }) => fetchAccountSettings(accountId, signal),
  });
}

export function useAccountSettings(accountId: number) {
  return useQuery(accountSettingsQueryOptions(accountId));
}
