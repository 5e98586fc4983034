import { useQuery } from '@tanstack/react-query';
import { paginate } from '../../../api/paginate.ts';
import { Role } from '../../../api/schemas/role.ts';
import { notificationKeys } from './keys.ts';

/**
 * GET /api/v1/accounts/:account_id/roles?show_inherited=true: the built-in roles and the active custom
 * roles of the account and its ancestors, which is what Canvas resolves notification roles against.
 */
export function fetchAccountRoles(accountId: number, signal?: AbortSignal): Promise<Role[]> {
  return paginate(`/api/v1/accounts/${accountId}/roles`, {
    schema: Role,
    params: { show_inherited: true },
    signal,
  });
}

export function useAccountRoles(accountId: number | null) {
  return useQuery({
    queryKey: notificationKeys.roles(accountId ?? 0),
    queryFn: ({ signal }) => fetchAccountRoles(accountId ?? 0, signal),
    enabled: accountId !== null,
    // Roles change rarely and are only labels and choices here.
    staleTime: 5 * 60_000,
  });
}
