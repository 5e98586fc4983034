import { queryOptions, useQuery } from '@tanstack/react-query';
import { paginate } from '../../../api/paginate.ts';
import { Token } from '../../../api/schemas/token.ts';
import { type TokenOwnerId, tokenKeys } from './keys.ts';

/**
 * GET /api/v1/users/:user_id/user_generated_tokens: a user's manually created tokens, active and
 * pending, oldest first. A bookmark list with host-relative links, walked page by page.
 */
export function fetchUserTokens(owner: TokenOwnerId, signal?: AbortSignal): Promise<Token[]> {
  return paginate(`/api/v1/users/${owner}/user_generated_tokens`, { schema: Token, signal });
}

export function userTokensQueryOptions(owner: TokenOwnerId) {
  return queryOptions({
    queryKey: tokenKeys.list(owner),
    queryFn: ({ signal }) => fetchUserTokens(owner, signal),
  });
}

export function useUserTokens(owner: TokenOwnerId) {
  return useQuery(userTokensQueryOptions(owner));
}
