import { queryOptions, useQuery } from '@tanstack/react-query';
import { canvasFetch } from '../../../api/http.ts';
import { User } from '../../../api/schemas/user.ts';
import { tokenKeys } from './keys.ts';

/** GET /api/v1/users/:id: who a token list belongs to when it was opened from a link. */
export function fetchUser(userId: number, signal?: AbortSignal): Promise<User> {
  return canvasFetch(`/api/v1/users/${userId}`, { schema: User, signal });
}

export function userQueryOptions(userId: number) {
  return queryOptions({
    queryKey: tokenKeys.user(userId),
    queryFn: ({ signal }) => fetchUser(userId, signal),
    staleTime: 5 * 60_000,
  });
}

export function useUser(userId: number | undefined) {
  return useQuery({ ...userQueryOptions(userId ?? 0), enabled: userId !== undefined });
}
